/**
 * Login roles of migration 0001 for embedded and test use: sets their passwords (roles are
 * cluster-wide, so every database of the cluster shares them) and derives per-role URLs
 * from the owner's URL. Production sets passwords out of band and configures URLs directly.
 */
import pg from 'pg';

export const platformRoles = ['navcast_app', 'navcast_projector', 'navcast_auditor'] as const;
export type PlatformRole = (typeof platformRoles)[number];

/** Connection URL of each role, same host, port and database as the owner's. */
export type RoleUrls = Readonly<Record<'app' | 'projector' | 'auditor', string>>;

/** The owner URL with user and password replaced. */
export function roleUrl(ownerUrl: string, role: PlatformRole, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/** Per-role URLs for `password` (no database access). */
export function roleUrls(ownerUrl: string, password: string): RoleUrls {
  return {
    app: roleUrl(ownerUrl, 'navcast_app', password),
    projector: roleUrl(ownerUrl, 'navcast_projector', password),
    auditor: roleUrl(ownerUrl, 'navcast_auditor', password),
  };
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Sets `password` on every platform role that does not already accept it, connected as the
 * owner (a superuser or CREATEROLE role), and returns the per-role URLs. Parallel callers
 * (test files) may race on the same role's catalog row; that error is retried.
 */
export async function setRolePasswords(ownerUrl: string, password: string): Promise<RoleUrls> {
  const urls = roleUrls(ownerUrl, password);
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (const role of platformRoles) {
      if (await canLogIn(roleUrl(ownerUrl, role, password))) continue;
      const { rows } = await owner.query<{ sql: string }>("SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS sql", [role, password]);
      for (let attempt = 0; ; attempt++) {
        try {
          await owner.query(rows[0].sql);
          break;
        } catch (error) {
          if (attempt >= 10 || !/tuple concurrently updated/.test((error as Error).message)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
        }
      }
    }
  } finally {
    await owner.end();
  }
  return urls;
}
