package io.liora.common.problem;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;

/** Recognises PostgreSQL errors by SQLSTATE, however Hibernate or Vert.x wrapped them. */
public final class DatabaseErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** A row-level-security (or privilege) violation. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    private DatabaseErrors() {
    }

    /** The SQLSTATE of the first database error in {@code e}'s causes, or {@code null}. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    public static boolean isUniqueViolation(Throwable e) {
        return UNIQUE_VIOLATION.equals(sqlState(e));
    }

    /** The name of the violated constraint, when PostgreSQL said it, else {@code ""}. */
    public static String constraint(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getConstraint() != null) {
                return pg.getConstraint();
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && c.getConstraintName() != null) {
                return c.getConstraintName();
            }
        }
        return "";
    }
}
