/**
 * ConnectSafely Invitation → Send, Relationship → Check and Profile → Get through n8n-core's engine
 * against the strict sandbox: exact requests, skips without a request, refusals before any request.
 * Pacing waits run on the virtual clock (test/engine/clock.ts).
 */
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { INodeParameters } from 'n8n-workflow';

import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_NETWORK,
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { jsonOf, NO_PACING } from '../engine';
import { settle, useVirtualClock } from '../engine/clock';
import { apiRequests, runConnectSafely } from './helpers';

const ACCOUNT = CONNECTSAFELY_SANDBOX.accountId;
const { connected, pending, notConnected } = CONNECTSAFELY_NETWORK;
const [eli, farah] = notConnected;
const CONNECT = '/linkedin/connect';
/** Account left empty in the list: the key's default account. */
const DEFAULT_ACCOUNT = { __rl: true, mode: 'list', value: '' };
const relationshipPath = (profileId: string) => `/linkedin/relationship/${ACCOUNT}/${profileId}`;

// The virtual clock first, so the sandbox's quota windows start on it.
useVirtualClock();
let sandbox: ConnectSafelySandbox;
beforeAll(async () => (sandbox = await startConnectSafelySandbox({ now: () => Date.now() })));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const invite = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'invitation',
	operation: 'send',
	recipientProfileId: '={{ $json.profile }}',
	note: '={{ $json.note }}',
	...NO_PACING,
	...extra,
});
const people = (...entries: Array<string | { profile: string; note?: string }>) =>
	entries.map((entry) => ({ json: typeof entry === 'string' ? { profile: entry } : entry }));
const run = async (
	parameters: INodeParameters,
	options: Parameters<typeof runConnectSafely>[2] = {},
) => await settle(runConnectSafely(sandbox, parameters, options));
const seen = () =>
	apiRequests(sandbox).map((request) => `${request.method} ${decodeURIComponent(request.path)}`);

describe('Invitation → Send', () => {
	it('checks the relationship, then posts the profile ID and the note', async () => {
		const result = await run(invite(), {
			inputItems: people({ profile: eli.profileId, note: 'Hi Eli, enjoyed your talk.' }),
		});
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([`GET ${relationshipPath(eli.profileId)}`, `POST ${CONNECT}`]);
		const [check, post] = apiRequests(sandbox);
		expect(check.query).toEqual({});
		expect(post.headers.authorization).toBe(`Bearer ${CONNECTSAFELY_SANDBOX.apiKey}`);
		expect(post.body).toEqual({
			accountId: ACCOUNT,
			profileId: eli.profileId,
			customMessage: 'Hi Eli, enjoyed your talk.',
		});
		expect(jsonOf(result.output('ConnectSafely'))).toEqual([
			{
				success: true,
				message: 'Connection request sent successfully',
				profileUrn: eli.profileUrn,
			},
		]);
	});

	it('takes a profile URL, and leaves customMessage out without a note', async () => {
		const result = await run(
			invite({ recipientProfileId: `https://www.linkedin.com/in/${farah.profileId}/?trk=x` }),
			{ inputItems: people(farah.profileId) },
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(sandbox)[1].body).toEqual({
			accountId: ACCOUNT,
			profileId: farah.profileId,
		});
	});

	it('skips someone already connected and someone already invited, without a POST', async () => {
		const result = await run(invite(), {
			inputItems: people(connected.profileId, pending.profileId),
		});
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([
			`GET ${relationshipPath(connected.profileId)}`,
			`GET ${relationshipPath(pending.profileId)}`,
		]);
		expect(jsonOf(result.output('ConnectSafely'))).toEqual([
			{
				skipped: true,
				reason: 'already connected',
				relationship: {
					connected: true,
					invitationSent: false,
					invitationReceived: false,
					status: 'CONNECTED',
					profileUrn: connected.profileUrn,
					accountId: ACCOUNT,
				},
			},
			{
				skipped: true,
				reason: 'already invited',
				relationship: expect.objectContaining({ connected: false, invitationSent: true }),
			},
		]);
	});

	it('invites a person listed twice in one run once, by ID and by URL: the second is already invited', async () => {
		const result = await run(invite(), {
			inputItems: people(eli.profileId, `https://www.linkedin.com/in/${eli.profileId}/`),
		});
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([
			`GET ${relationshipPath(eli.profileId)}`,
			`GET ${relationshipPath(eli.profileId)}`,
			`POST ${CONNECT}`,
		]);
		expect(jsonOf(result.output('ConnectSafely'))[1]).toEqual({
			skipped: true,
			reason: 'already invited',
			profileId: eli.profileId,
		});
	});

	it.each<[string, INodeParameters]>([
		['paced', { sendingOptions: {} }],
		['unpaced', {}],
	])('two executions inviting one person at once send one request (%s)', async (_name, pacing) => {
		// Both read the relationship before either sends: the account's lane decides.
		const results = await settle(
			Promise.all([
				runConnectSafely(sandbox, invite(pacing), { inputItems: people(farah.profileId) }),
				runConnectSafely(sandbox, invite(pacing), { inputItems: people(farah.profileId) }),
			]),
		);
		expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		const posts = apiRequests(sandbox).filter((request) => request.path === CONNECT);
		expect(posts.map((post) => post.body)).toEqual([
			{ accountId: ACCOUNT, profileId: farah.profileId },
		]);
		const outputs = results.map((result) => jsonOf(result.output('ConnectSafely'))[0]);
		expect(outputs.filter((output) => output.skipped)).toEqual([
			{ skipped: true, reason: 'already invited', profileId: farah.profileId },
		]);
	});

	it('paces the requests of one account 10–20 s apart and sends the skipped ones no request', async () => {
		const result = await run(invite({ sendingOptions: {} }), {
			inputItems: people(eli.profileId, connected.profileId, farah.profileId),
		});
		expect(result.error).toBeUndefined();
		const posts = apiRequests(sandbox).filter((request) => request.path === CONNECT);
		expect(posts.map((post) => (post.body as { profileId: string }).profileId)).toEqual([
			eli.profileId,
			farah.profileId,
		]);
		const gap = posts[1].receivedAt - (posts[0].respondedAt ?? 0);
		expect(gap).toBeGreaterThanOrEqual(10_000);
		expect(gap).toBeLessThanOrEqual(20_000);
		expect(jsonOf(result.output('ConnectSafely')).map((item) => item.skipped ?? false)).toEqual([
			false,
			true,
			false,
		]);
		// A second run skips all three: the relationship says they are invited now.
		const again = await run(invite({ sendingOptions: {} }), {
			inputItems: people(eli.profileId, connected.profileId, farah.profileId),
		});
		expect(jsonOf(again.output('ConnectSafely')).map((item) => item.reason)).toEqual([
			'already invited',
			'already connected',
			'already invited',
		]);
		expect(apiRequests(sandbox).filter((request) => request.path === CONNECT)).toHaveLength(2);
	});

	it('posts a profile URN as profileUrn, unchecked (ConnectSafely checks relationships by profile ID only)', async () => {
		const result = await run(
			invite({ recipientBy: 'profileUrn', recipientProfileUrn: eli.profileUrn }),
			{ inputItems: people(eli.profileId) },
		);
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([`POST ${CONNECT}`]);
		expect(apiRequests(sandbox)[0].body).toEqual({
			accountId: ACCOUNT,
			profileUrn: eli.profileUrn,
		});
	});

	it('resolves the default account once, checks and sends as that account', async () => {
		const result = await run(invite({ account: DEFAULT_ACCOUNT }), {
			inputItems: people(eli.profileId, farah.profileId),
		});
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([
			'GET /linkedin/account/status',
			`GET ${relationshipPath(eli.profileId)}`,
			`GET ${relationshipPath(farah.profileId)}`,
			`POST ${CONNECT}`,
			`POST ${CONNECT}`,
		]);
		for (const post of apiRequests(sandbox).slice(3)) {
			expect(post.body).toMatchObject({ accountId: ACCOUNT });
		}
	});

	it('refuses a note over 300 characters before any request, naming the field', async () => {
		const result = await run(invite(), {
			inputItems: people(
				{ profile: eli.profileId, note: 'Hi' },
				{ profile: farah.profileId, note: 'x'.repeat(301) },
			),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Nothing was sent in this run of the node: item 1 has invalid input (The "Note" parameter is 301 characters long, over LinkedIn's limit of 300)`,
		);
		expect(apiRequests(sandbox).filter((request) => request.method === 'POST')).toHaveLength(0);
	});

	it('takes a note of exactly 300 characters', async () => {
		const result = await run(invite(), {
			inputItems: people({ profile: eli.profileId, note: 'x'.repeat(300) }),
		});
		expect(result.error).toBeUndefined();
		expect(apiRequests(sandbox)[1].body).toMatchObject({ customMessage: 'x'.repeat(300) });
	});

	it('sends nothing when item 3 of 4 names a profile that does not exist', async () => {
		const result = await run(invite(), {
			inputItems: people(
				eli.profileId,
				farah.profileId,
				'nobody-demo-0',
				notConnected[2].profileId,
			),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Nothing was sent in this run of the node: item 2 has invalid input (ConnectSafely could not find it: LinkedIn profile not found: nobody-demo-0)',
		);
		expect(apiRequests(sandbox).filter((request) => request.method === 'POST')).toHaveLength(0);
	});

	it.each([
		[
			'no recipient',
			{ recipientProfileId: '' },
			'The "Recipient Profile ID or URL" parameter is empty',
		],
		[
			'a URN in the profile ID field',
			{ recipientProfileId: eli.profileUrn },
			'The "Recipient Profile ID or URL" parameter holds a URN; put URNs in "Recipient Profile URN"',
		],
		[
			'a URL that is not a profile',
			{ recipientProfileId: 'https://www.linkedin.com/company/contoso/' },
			'The "Recipient Profile ID or URL" parameter is not a LinkedIn profile URL like https://www.linkedin.com/in/john-doe-123/',
		],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const result = await run(invite(parameters), { inputItems: people(eli.profileId) });
		expect(result.error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('fails on the weekly limit with the hold time, once, and sends nothing after it', async () => {
		const full = await startConnectSafelySandbox({
			now: () => Date.now(),
			connectsUsed: CONNECTSAFELY_NETWORK.connectWeeklyLimit,
		});
		try {
			const result = await settle(
				runConnectSafely(full, invite({ sendingOptions: {} }), {
					inputItems: people(eli.profileId, farah.profileId),
				}),
			);
			expect(result.status).toBe('error');
			const posts = apiRequests(full).filter((request) => request.method === 'POST');
			expect(posts).toHaveLength(1);
			// The hold ends 24 h after the refusal, but the week stays used up until Monday.
			expect(result.error?.message).toBe(
				'ConnectSafely rate limit reached: Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-12-07T00:00:00Z. It resets at 2026-12-07T00:00:00.000Z (limit 90, remaining 0)',
			);
		} finally {
			await full.close();
		}
	});
});

describe('Relationship → Check', () => {
	const check = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'relationship',
		operation: 'check',
		profileId: pending.profileId,
		...extra,
	});

	it('asks for the picked account', async () => {
		const result = await run(check());
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([`GET ${relationshipPath(pending.profileId)}`]);
		expect(jsonOf(result.output('ConnectSafely'))).toEqual([
			{
				connected: false,
				invitationSent: true,
				invitationReceived: false,
				status: 'PENDING',
				profileUrn: pending.profileUrn,
				accountId: ACCOUNT,
			},
		]);
	});

	it('asks for the default account when none is picked, from a profile URL', async () => {
		const result = await run(
			check({
				account: DEFAULT_ACCOUNT,
				profileId: `https://linkedin.com/in/${connected.profileId}`,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(seen()).toEqual([`GET /linkedin/relationship/${connected.profileId}`]);
		expect(jsonOf(result.output('ConnectSafely'))[0]).toMatchObject({ connected: true });
	});

	it('says which profile was not found', async () => {
		const result = await run(check({ profileId: 'nobody-demo-0' }));
		expect(result.error?.message).toBe(
			'ConnectSafely could not find it: LinkedIn profile not found: nobody-demo-0',
		);
		expect(result.error?.description).toBe(
			'Check Profile ID or URL "nobody-demo-0": ConnectSafely has no such item for this API key. Pick the account from the list, and map IDs and URNs from an earlier ConnectSafely node.',
		);
	});

	it('refuses an empty profile before any request', async () => {
		const result = await run(check({ profileId: '={{ "" }}' }));
		expect(result.error?.message).toBe('The "Profile ID or URL" parameter is empty');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Profile → Get', () => {
	const get = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'profile',
		operation: 'get',
		profileId: `https://www.linkedin.com/in/${eli.profileId}/`,
		...extra,
	});

	it('posts the profile ID and the options asked for', async () => {
		const result = await run(get({ options: { includeExperience: true, forceRefresh: true } }));
		expect(result.error).toBeUndefined();
		const [request] = apiRequests(sandbox);
		expect(`${request.method} ${request.path}`).toBe('POST /linkedin/profile');
		expect(request.body).toEqual({
			accountId: ACCOUNT,
			profileId: eli.profileId,
			includeExperience: true,
			forceRefresh: true,
		});
		const [output] = jsonOf(result.output('ConnectSafely'));
		expect(output).toMatchObject({
			success: true,
			profileId: eli.profileId,
			profile: {
				entityUrn: eli.profileUrn,
				publicIdentifier: eli.profileId,
				connectionDegree: 'DISTANCE_2',
				isConnected: false,
			},
			experience: [expect.objectContaining({ companyName: 'Litware' })],
		});
	});

	it('leaves accountId out for the default account', async () => {
		await run(get({ account: DEFAULT_ACCOUNT }));
		expect(apiRequests(sandbox)[0].body).toEqual({ profileId: eli.profileId });
	});

	it('fails for a profile that does not exist, naming it', async () => {
		const result = await run(get({ profileId: 'nobody-demo-0' }));
		expect(result.error?.message).toBe('ConnectSafely found no LinkedIn profile "nobody-demo-0"');
		expect(result.error?.description).toBe(
			'Check "Profile ID or URL": the part after linkedin.com/in/ of an existing profile, or the whole profile URL.',
		);
	});

	it('refuses a URN before any request', async () => {
		const result = await run(get({ profileId: eli.profileUrn }));
		expect(result.error?.message).toBe(
			'The "Profile ID or URL" parameter holds a URN; ConnectSafely takes the profile ID here, the part after linkedin.com/in/',
		);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});
