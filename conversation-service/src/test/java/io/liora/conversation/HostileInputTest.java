package io.liora.conversation;

import io.liora.testing.HostileInputContract;
import io.quarkus.test.junit.QuarkusTest;


/** Every route of conversation-service, tried with NUL, lone surrogates and over-long strings: never a 5xx. */
@QuarkusTest
class HostileInputTest extends HostileInputContract {
}
