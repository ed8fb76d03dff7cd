package io.liora.sandbox;

/** Who writes from the sandbox: a phone, a business-scoped user id and a username, any of them missing. */
public record Customer(String phone, String bsuid, String username, String name) {
}
