/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: drives a real n8n, never shipped */
/**
 * Environment for one n8n instance (= one user folder): loopback only, no phone-home, sqlite,
 * JSON logs, an owner account managed by env (so the REST and public APIs can be used), and a
 * task-runner broker port of its own so several instances can run side by side.
 */
import { defaultN8nVersion } from './install';

/**
 * The owner account that `n8n start` creates from the env (2.x) or that startN8n sets up over REST
 * (1.x). Local test instance on 127.0.0.1 only; this password protects nothing else.
 */
export const E2E_OWNER = {
	email: 'owner@e2e.n8n-nodes-linkedin-messaging.local',
	firstName: 'E2E',
	lastName: 'Owner',
	loginSecret: 'Example-e2e-owner-1',
	/** bcrypt (cost 10) of `loginSecret`, made with n8n's own bcryptjs. */
	loginSecretBcrypt: '$2a$10$SpbE44WXrbKqrsoqqBsHc.i/e3EuVb1yifJSNHW3VuXTsOhvpgTZS',
} as const;

/** Fixed key so that credentials imported by one CLI call can be read by the next one. */
export const E2E_ENCRYPTION_KEY = 'n8n-linkedin e2e key, not a secret';

/**
 * The n8n variables for an instance whose user folder is `userFolder` (n8n uses
 * `<userFolder>/.n8n`) and whose HTTP port is `port`. `extra` wins over the defaults; pass
 * `N8N_RUNNERS_BROKER_PORT` there (the default, `port + 1`, is only safe for one instance).
 * `version` is the n8n version these are for (`N8nInstall.version`): 1.x rejects module names it
 * does not know and has no env-managed owner (server.ts sets the owner up over REST instead).
 */
export function n8nEnv(
	userFolder: string,
	port: number,
	extra: Record<string, string> = {},
	version: string = defaultN8nVersion(),
): Record<string, string> {
	const v1 = version.startsWith('1.');
	const vars: Record<string, string> = {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		// no telemetry, no phone-home (mcp-registry fetches api.n8n.io right after `n8n start`)
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		...(v1 ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		// community packages are read from <userFolder>/.n8n/nodes/node_modules; never reinstalled
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// loopback only
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(port),
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// `n8n worker`'s health server (QUEUE_HEALTH_CHECK_ACTIVE) listens on '::' by default
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_SECURE_COOKIE: 'false',
		// JSON log lines: `n8n execute` prints its result as the message of one of them
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		GENERIC_TIMEZONE: 'UTC',
		// 2.x: owner created at startup, so /rest/login and API keys work without the setup screen
		...(v1
			? {}
			: {
					N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
					N8N_INSTANCE_OWNER_EMAIL: E2E_OWNER.email,
					N8N_INSTANCE_OWNER_FIRST_NAME: E2E_OWNER.firstName,
					N8N_INSTANCE_OWNER_LAST_NAME: E2E_OWNER.lastName,
					N8N_INSTANCE_OWNER_PASSWORD_HASH: E2E_OWNER.loginSecretBcrypt,
				}),
		...extra,
	};
	// 1.x reads only WEBHOOK_URL, 2.x N8N_WEBHOOK_URL first: both get the same value
	vars.WEBHOOK_URL = extra.WEBHOOK_URL ?? vars.N8N_WEBHOOK_URL;
	return vars;
}

/**
 * The full process env for an n8n child: ours, minus anything n8n-related inherited from the
 * caller (N8N_*, DB_*, QUEUE_*, EXECUTIONS_*, and NODE_ENV, which jest sets to "test" and which
 * makes n8n skip parts of its startup), with Node 24 first on PATH (n8n starts its task runner
 * with it).
 */
export function n8nProcessEnv(vars: Record<string, string>, nodeBinDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|NODE_ENV$|NODE_OPTIONS$|npm_config_)/i.test(key)) continue;
		env[key] = value;
	}
	env.PATH = `${nodeBinDir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
	return { ...env, ...vars };
}
