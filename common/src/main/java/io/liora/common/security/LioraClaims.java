package io.liora.common.security;

/** Names of the claims in a Liora JWT besides the registered ones. */
public final class LioraClaims {

    public static final String CLIENTE_ID = "cliente_id";
    public static final String USUARIO_ID = "usuario_id";
    public static final String ROL = "rol";
    /** Header with which a caller selects (service, platform admin) or confirms (staff) its tenant. */
    public static final String CLIENT_ID_HEADER = "X-Client-ID";
    /** Name of the path parameter in {@code /clientes/{clienteId}/...} routes. */
    public static final String CLIENTE_ID_PATH_PARAM = "clienteId";

    private LioraClaims() {
    }
}
