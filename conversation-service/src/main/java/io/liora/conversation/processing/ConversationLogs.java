package io.liora.conversation.processing;

import io.liora.conversation.inbox.InboundMessage;
import io.liora.conversation.log.ConversationLog;
import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import java.util.UUID;

/** The log rows of one exchange. */
final class ConversationLogs {

    private ConversationLogs() {
    }

    static ConversationLog inbound(InboundMessage message, Intent intent, int latencyMs, String note) {
        ConversationLog log = base(message, intent);
        log.direction = "in";
        log.inboundMessageId = message.id;
        log.wamid = message.wamid;
        log.messageType = message.messageType;
        log.text = MessageContent.text(message.message);
        log.payload = message.message;
        log.confidence = intent.confidence();
        log.intentSource = intent.source();
        log.latencyMs = latencyMs;
        log.note = note;
        return log;
    }

    static ConversationLog outbound(InboundMessage message, Intent intent, Outgoing reply, UUID outboundId) {
        ConversationLog log = base(message, intent);
        log.direction = "out";
        log.inboundMessageId = message.id;
        log.messageType = reply.type();
        log.text = reply.summary();
        log.payload = reply.interactive() != null ? reply.interactive() : reply.text();
        log.outboundMessageId = outboundId;
        return log;
    }

    private static ConversationLog base(InboundMessage message, Intent intent) {
        ConversationLog log = new ConversationLog();
        log.clienteId = message.clienteId;
        log.contactId = message.contactId;
        log.msisdn = message.msisdn;
        log.intent = intent.name();
        log.skill = intent.matched() ? intent.skill() : null;
        return log;
    }
}
