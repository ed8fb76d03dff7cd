package io.liora.conversation;

import io.liora.testing.ServiceEssentialsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConversationServiceEssentialsTest extends ServiceEssentialsContract {
}
