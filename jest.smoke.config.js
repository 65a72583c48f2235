/**
 * The smoke set: the end-to-end suites that .github/workflows/n8n-latest.yml runs every week
 * against the newest n8n on the registry (N8N_E2E_VERSION=latest; tools/n8n/install.ts). Today:
 * n8n boots with our package (n8n-smoke), and our nodes in it (nodes: a send with a file, a paged
 * Get Many, pacing, bad input that sends nothing, the signed trigger). A file named
 * `*.smoke.e2e.ts` joins the set. `npm run test:smoke` runs it (on the pinned 2.41.1 unless
 * N8N_E2E_VERSION says otherwise).
 */
const e2e = require('./jest.e2e.config.js');

module.exports = {
	...e2e,
	testMatch: ['**/n8n-smoke.e2e.ts', '**/nodes.e2e.ts', '**/*.smoke.e2e.ts'],
};
