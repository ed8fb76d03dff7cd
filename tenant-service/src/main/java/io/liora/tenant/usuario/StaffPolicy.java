package io.liora.tenant.usuario;

import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.security.Roles;

/** Who may create, change or remove which staff user. */
final class StaffPolicy {

    private StaffPolicy() {
    }

    /** An admin manages admins and agents; owners and platform admins manage everyone. */
    static void requireMayManage(String actorRol, String targetRol) {
        if (Roles.ADMIN.equals(actorRol) && Roles.OWNER.equals(targetRol)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An admin cannot create, change or remove an owner");
        }
        if (Roles.AGENT.equals(actorRol)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An agent cannot manage users");
        }
    }

    /** Staff may read and edit their own context; owners, admins and platform admins anyone's. */
    static void requireMayReadUser(String actorRol, String actorId, java.util.UUID target) {
        if (Roles.AGENT.equals(actorRol) && !target.toString().equals(actorId)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An agent can only see itself");
        }
    }
}
