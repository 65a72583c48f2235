import { createHmac } from 'crypto';
import FormData from 'form-data';

import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import type { SandboxServer } from '../../tools/sandbox/server';
import { reply, startSandboxServer } from '../../tools/sandbox/server';
import {
	CONNECTSAFELY_NETWORK,
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';

let sandbox: ConnectSafelySandbox;
beforeAll(async () => (sandbox = await startConnectSafelySandbox()));
afterAll(async () => await sandbox.close());

const auth = { authorization: `Bearer ${CONNECTSAFELY_SANDBOX.apiKey}` };
const uploadUrl = () => `${sandbox.url}/linkedin/conversations/upload-attachment?filename=logo.png`;

it('rejects a multipart upload, as the API wants the raw file', async () => {
	const form = new FormData();
	form.append('file', Buffer.from('png bytes'), { filename: 'logo.png', contentType: 'image/png' });
	const response = await fetch(uploadUrl(), {
		method: 'POST',
		headers: { ...auth, ...form.getHeaders() },
		body: form.getBuffer(),
	});
	expect(response.status).toBe(400);
	expect(await response.json()).toMatchObject({ success: false, code: 'validation_error' });
});

it('accepts the raw file with its MIME type', async () => {
	const response = await fetch(uploadUrl(), {
		method: 'POST',
		headers: { ...auth, 'content-type': 'image/png' },
		body: Buffer.from('png bytes'),
	});
	expect(response.status).toBe(200);
	expect(await response.json()).toMatchObject({
		success: true,
		attachment: { name: 'logo.png', mediaType: 'image/png', byteSize: 9 },
	});
});

it('refuses a wrong key', async () => {
	const response = await fetch(`${sandbox.url}/linkedin/accounts`, {
		headers: { authorization: 'Bearer nope' },
	});
	expect(response.status).toBe(401);
});

describe('webhook deliveries', () => {
	/** Plays the n8n webhook: records each call and answers `answerWith`. */
	let receiver: SandboxServer;
	let receiverUrl: string;
	let answerWith = 200;
	const received = () =>
		receiver.requests.map((request) => ({ headers: request.headers, raw: request.rawBody }));

	beforeAll(async () => {
		receiver = await startSandboxServer({ handle: () => reply(answerWith), onReset: () => {} });
		receiverUrl = `${receiver.url}/webhook/x/webhook`;
	});
	afterAll(async () => await receiver.close());
	beforeEach(() => {
		receiver.reset();
		answerWith = 200;
		sandbox.reset();
	});

	const hmac = (raw: Buffer, secret = CONNECTSAFELY_SANDBOX.webhookSecret) =>
		`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

	const deliver = async (body: unknown) => {
		const response = await fetch(`${sandbox.url}/__sandbox/deliver-message`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	it('POSTs a signed message.received envelope and answers with the receiver status', async () => {
		const result = await deliver({ url: receiverUrl, text: 'Not now, thanks' });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			status: 200,
			id: expect.stringMatching(/^urn:li:messagingMessage:2-/),
		});
		expect(received()).toHaveLength(1);
		const [{ headers, raw }] = received();
		expect(headers['content-type']).toBe('application/json');
		expect(headers['x-webhook-signature']).toBe(hmac(raw));
		expect(headers['x-webhook-timestamp']).toBeUndefined();
		const envelope = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
		expect(envelope).toEqual({
			event: 'message.received',
			object: 'event',
			data: {
				id: result.body.id,
				message_urn: result.body.id,
				account_id: CONNECTSAFELY_SANDBOX.accountId,
				provider: 'LINKEDIN',
				sender: {
					id: CONNECTSAFELY_SANDBOX.profileUrns[0],
					name: 'Contact ana-demo-1',
					profile_url: null,
					profile_picture: null,
				},
				body: 'Not now, thanks',
				timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
				conversation_id: `urn:li:messagingThread:2-${Buffer.from('demo-thread-1').toString('base64')}`,
				attachments: [],
			},
		});
		// The reply is now in the conversation, as the API would show it.
		const messages = await fetch(
			`${sandbox.url}/linkedin/conversations/${encodeURIComponent(CONNECTSAFELY_SANDBOX.conversationUrns[0])}/messages`,
			{ headers: auth },
		);
		expect(((await messages.json()) as { messages: unknown[] }).messages[0]).toMatchObject({
			messageUrn: result.body.id,
			text: 'Not now, thanks',
			isSentByOwner: false,
		});
	});

	it('forges, leaves unsigned, replays an id and sends timestamps on request', async () => {
		answerWith = 401;
		expect((await sandbox.deliverMessage({ url: receiverUrl, signature: 'forged' })).status).toBe(
			401,
		);
		await sandbox.deliverMessage({ url: receiverUrl, signature: 'none', timestamp: 'now' });
		await sandbox.deliverMessage({
			url: receiverUrl,
			id: 'urn:li:messagingMessage:2-same',
			timestamp: 'stale',
		});
		await sandbox.deliverMessage({
			url: receiverUrl,
			id: 'urn:li:messagingMessage:2-same',
			conversationUrn: CONNECTSAFELY_SANDBOX.conversationUrns[2],
			senderId: 'urn:li:fsd_profile:ACoAAOther',
		});
		const [forged, unsigned, stale, replay] = received();
		expect(forged.headers['x-webhook-signature']).toBe(hmac(forged.raw, 'not-the-secret'));
		expect(unsigned.headers['x-webhook-signature']).toBeUndefined();
		const now = Math.floor(Date.now() / 1000);
		expect(Math.abs(Number(unsigned.headers['x-webhook-timestamp']) - now)).toBeLessThanOrEqual(2);
		expect(
			Math.abs(Number(stale.headers['x-webhook-timestamp']) - (now - 600)),
		).toBeLessThanOrEqual(2);
		const replayed = JSON.parse(replay.raw.toString('utf8')) as {
			data: { id: string; conversation_id: string; sender: { id: string } };
		};
		expect(replayed.data).toMatchObject({
			id: 'urn:li:messagingMessage:2-same',
			conversation_id: `urn:li:messagingThread:2-${Buffer.from('demo-thread-3').toString('base64')}`,
			sender: { id: 'urn:li:fsd_profile:ACoAAOther' },
		});
		expect(JSON.parse(stale.raw.toString('utf8')).data.id).toBe('urn:li:messagingMessage:2-same');
	});

	it('refuses an off-spec admin call', async () => {
		expect((await deliver({ text: 'no url' })).status).toBe(400);
		expect((await deliver({ url: receiverUrl, signature: 'maybe' })).status).toBe(400);
		expect((await deliver({ url: receiverUrl, extra: true })).status).toBe(400);
		expect(received()).toHaveLength(0);
	});
});

describe('network: connection requests, relationships, profiles', () => {
	const NET = CONNECTSAFELY_NETWORK;
	const ACCOUNT = CONNECTSAFELY_SANDBOX.accountId;
	const OTHER_ACCOUNT = 'aaaaaaaaaaaaaaaaaaaaaaaa';
	const [ELI, FARAH, GUS] = NET.notConnected;
	const json = { ...auth, 'content-type': 'application/json' };

	/** One request to `target` (default the shared sandbox), answered status, body and headers. */
	async function call(
		method: 'GET' | 'POST',
		path: string,
		body?: unknown,
		target: ConnectSafelySandbox = sandbox,
	) {
		const response = await fetch(`${target.url}${path}`, {
			method,
			headers: body === undefined ? auth : json,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return {
			status: response.status,
			body: (await response.json()) as Record<string, unknown>,
			headers: response.headers,
		};
	}
	const rateHeaders = (headers: Headers) =>
		Object.fromEntries(
			['action', 'limit', 'used', 'remaining', 'reset'].map((name) => [
				name,
				headers.get(`x-ratelimit-${name}`),
			]),
		);
	const relationship = async (profileId: string) =>
		(await call('GET', `/linkedin/relationship/${profileId}`)).body;
	const zodPaths = (body: Record<string, unknown>) =>
		(body.error as { name: string; issues: Array<{ path: string[] }> }).issues.map((issue) =>
			issue.path.join('.'),
		);

	beforeEach(() => sandbox.reset());

	describe('POST /linkedin/connect', () => {
		it('sends a request to a profile that is not connected and counts it for the week', async () => {
			const result = await call('POST', '/linkedin/connect', {
				accountId: ACCOUNT,
				profileId: ELI.profileId,
				customMessage: 'Hi Eli, enjoyed your talk on pipeline automation.',
			});
			expect(result.status).toBe(200);
			expect(result.body).toEqual({
				success: true,
				message: 'Connection request sent successfully',
				profileUrn: ELI.profileUrn,
			});
			expect(rateHeaders(result.headers)).toEqual({
				action: 'CONNECT',
				limit: '90',
				used: '13',
				remaining: '77',
				reset: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/),
			});
			expect(new Date(result.headers.get('x-ratelimit-reset') as string).getUTCDay()).toBe(1);
			expect(await relationship(ELI.profileId)).toMatchObject({
				connected: false,
				invitationSent: true,
				status: 'PENDING',
			});
			const recorded = sandbox.requests.filter((request) => request.path === '/linkedin/connect');
			expect(recorded.map(({ method, body }) => ({ method, body }))).toEqual([
				{
					method: 'POST',
					body: {
						accountId: ACCOUNT,
						profileId: ELI.profileId,
						customMessage: 'Hi Eli, enjoyed your talk on pipeline automation.',
					},
				},
			]);
		});

		it('takes a profile URN instead of the slug, and a note of exactly 300 characters', async () => {
			const result = await call('POST', '/linkedin/connect', {
				profileUrn: FARAH.profileUrn,
				customMessage: 'x'.repeat(300),
			});
			expect(result.status).toBe(200);
			expect(result.body.profileUrn).toBe(FARAH.profileUrn);
		});

		it('refuses an already connected profile and a pending invitation, counting neither', async () => {
			const connected = await call('POST', '/linkedin/connect', {
				profileId: NET.connected.profileId,
			});
			expect(connected.status).toBe(400);
			expect(connected.body).toEqual({ success: false, error: 'Already connected with Ana Demo' });
			const pending = await call('POST', '/linkedin/connect', {
				profileUrn: NET.pending.profileUrn,
			});
			expect(pending.status).toBe(400);
			expect(pending.body).toEqual({
				success: false,
				error: 'An invitation to Dana Demo is already pending',
			});
			expect(pending.headers.get('x-ratelimit-used')).toBe('12');
		});

		it('answers 404 for an unknown profile and for another account', async () => {
			const unknown = await call('POST', '/linkedin/connect', { profileId: 'nobody-here' });
			expect(unknown.status).toBe(404);
			expect(unknown.body).toEqual({
				success: false,
				error: 'LinkedIn profile not found: nobody-here',
			});
			const other = await call('POST', '/linkedin/connect', {
				accountId: OTHER_ACCOUNT,
				profileId: ELI.profileId,
			});
			expect(other).toMatchObject({ status: 404, body: { error: 'Account not found' } });
		});

		it('refuses what the docs do not allow, each with the reason', async () => {
			const missing = await call('POST', '/linkedin/connect', { customMessage: 'Hi' });
			expect(missing.status).toBe(400);
			expect(missing.body).toEqual({
				success: false,
				error: 'Either profileId or profileUrn must be provided',
			});
			const long = await call('POST', '/linkedin/connect', {
				profileId: ELI.profileId,
				customMessage: 'x'.repeat(301),
			});
			expect(long.status).toBe(400);
			expect(zodPaths(long.body)).toEqual(['customMessage']);
			// The stale docs page calls the note `message`: the API's field is customMessage.
			const stale = await call('POST', '/linkedin/connect', {
				profileId: ELI.profileId,
				message: 'Hi',
			});
			expect(stale.status).toBe(400);
			expect((stale.body.error as { issues: Array<{ code: string }> }).issues[0].code).toBe(
				'unrecognized_keys',
			);
			const url = await call('POST', '/linkedin/connect', {
				profileId: 'https://www.linkedin.com/in/eli-demo-5/',
			});
			expect(zodPaths(url.body)).toEqual(['profileId']);
			const badAccount = await call('POST', '/linkedin/connect', {
				accountId: 'acc_12345',
				profileId: ELI.profileId,
			});
			expect(zodPaths(badAccount.body)).toEqual(['accountId']);
			const text = await fetch(`${sandbox.url}/linkedin/connect`, {
				method: 'POST',
				headers: { ...auth, 'content-type': 'text/plain' },
				body: 'profileId=eli-demo-5',
			});
			expect(text.status).toBe(400);
			expect(await text.json()).toEqual({
				success: false,
				code: 'validation_error',
				message: 'Body must be JSON (Content-Type: application/json)',
			});
			expect((await relationship(ELI.profileId)).invitationSent).toBe(false);
		});
	});

	describe('the weekly limit and the 24 h hold', () => {
		let clock: number;
		let timed: ConnectSafelySandbox;
		// Wednesday 13 May 2026, 10:00 UTC; the week resets on Monday 18 May.
		const WEDNESDAY = Date.UTC(2026, 4, 13, 10);
		beforeAll(async () => {
			timed = await startConnectSafelySandbox({ now: () => clock, connectsUsed: 89 });
		});
		afterAll(async () => await timed.close());
		beforeEach(() => {
			clock = WEDNESDAY;
			timed.reset();
		});
		const connect = (profileId: string) => call('POST', '/linkedin/connect', { profileId }, timed);
		const connectQuota = async () =>
			(
				(await call('GET', `/linkedin/account/${ACCOUNT}/quota`, undefined, timed)).body
					.quotas as Array<Record<string, unknown>>
			)[1];

		it('answers 429 with holdUntil once the 90 of the week are used, and holds for 24 h', async () => {
			const last = await connect(ELI.profileId);
			expect(last.status).toBe(200);
			expect(rateHeaders(last.headers)).toMatchObject({ used: '90', remaining: '0' });

			const over = await connect(FARAH.profileId);
			expect(over.status).toBe(429);
			expect(over.body).toEqual({
				success: false,
				error: 'Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-05-18T00:00:00Z',
				holdUntil: '2026-05-14T10:00:00Z',
			});
			expect(over.headers.get('retry-after')).toBe('86400');
			expect(rateHeaders(over.headers)).toEqual({
				action: 'CONNECT',
				limit: '90',
				used: '90',
				remaining: '0',
				reset: '2026-05-18T00:00:00Z',
			});
			expect(await connectQuota()).toEqual({
				feature: 'CONNECT',
				window: 'weekly',
				used: 90,
				limit: 90,
				linkedinLimit: 100,
				remaining: 0,
				limitReached: true,
				limitReachedAt: '2026-05-13 10:00:00+00:00',
				resetAt: '2026-05-18 00:00:00+00:00',
			});

			// Even an already connected profile is refused for the quota during the hold.
			clock = WEDNESDAY + 23 * 3_600_000;
			const held = await connect(NET.connected.profileId);
			expect(held.status).toBe(429);
			expect(held.body.holdUntil).toBe('2026-05-14T10:00:00Z');
			expect(held.headers.get('retry-after')).toBe('3600');

			// "Other activities remain unaffected": messages still go out.
			const message = await call(
				'POST',
				'/linkedin/conversations/send',
				{ recipientProfileId: NET.connected.profileId, message: 'Still here' },
				timed,
			);
			expect(message.status).toBe(200);

			// The hold ended but the week's quota is still used up: a new hold.
			clock = WEDNESDAY + 25 * 3_600_000;
			const again = await connect(FARAH.profileId);
			expect(again.status).toBe(429);
			expect(again.body.holdUntil).toBe('2026-05-15T11:00:00Z');

			// Monday 00:00 UTC: a new week.
			clock = Date.UTC(2026, 4, 18);
			const monday = await connect(FARAH.profileId);
			expect(monday.status).toBe(200);
			expect(rateHeaders(monday.headers)).toMatchObject({
				used: '1',
				remaining: '89',
				reset: '2026-05-25T00:00:00Z',
			});
			expect(await connectQuota()).toMatchObject({
				used: 1,
				limitReached: false,
				limitReachedAt: null,
				resetAt: '2026-05-25 00:00:00+00:00',
			});
			expect(timed.requests.filter((request) => request.path === '/linkedin/connect')).toHaveLength(
				5,
			);
		});
	});

	describe('GET /linkedin/relationship', () => {
		it('says connected, pending or not connected, by slug, for the default or a named account', async () => {
			expect(await relationship(NET.connected.profileId)).toEqual({
				connected: true,
				invitationSent: false,
				invitationReceived: false,
				status: 'CONNECTED',
				profileUrn: NET.connected.profileUrn,
				accountId: ACCOUNT,
			});
			expect(await relationship(NET.pending.profileId)).toEqual({
				connected: false,
				invitationSent: true,
				invitationReceived: false,
				status: 'PENDING',
				profileUrn: NET.pending.profileUrn,
				accountId: ACCOUNT,
			});
			const named = await call('GET', `/linkedin/relationship/${ACCOUNT}/${GUS.profileId}`);
			expect(named.status).toBe(200);
			expect(named.body).toEqual({
				connected: false,
				invitationSent: false,
				invitationReceived: false,
				status: 'NOT_CONNECTED',
				profileUrn: GUS.profileUrn,
				accountId: ACCOUNT,
			});
		});

		it('answers 404 for an unknown profile or account, 400 for a query it does not take', async () => {
			const unknown = await call('GET', '/linkedin/relationship/invalid-profile-id');
			expect(unknown.status).toBe(404);
			expect(unknown.body).toEqual({
				error: 'LinkedIn profile not found: invalid-profile-id',
				success: false,
			});
			// A URN is not a profile ID here: only the vanity slug is documented.
			const urn = await call(
				'GET',
				`/linkedin/relationship/${encodeURIComponent(NET.connected.profileUrn)}`,
			);
			expect(urn.status).toBe(404);
			const other = await call('GET', `/linkedin/relationship/${OTHER_ACCOUNT}/${GUS.profileId}`);
			expect(other.status).toBe(404);
			expect(other.body).toEqual({
				error: 'LinkedIn account not found or not accessible',
				success: false,
			});
			// The account goes in the path: a query would be ignored by a lenient server.
			const query = await call(
				'GET',
				`/linkedin/relationship/${GUS.profileId}?accountId=${ACCOUNT}`,
			);
			expect(query.status).toBe(400);
			expect((query.body.error as { issues: Array<{ code: string }> }).issues[0].code).toBe(
				'unrecognized_keys',
			);
		});
	});

	describe('profiles', () => {
		it('fetches a profile with its URN, public ID, names, headline and degree', async () => {
			const result = await call('POST', '/linkedin/profile', { profileId: ELI.profileId });
			expect(result.status).toBe(200);
			expect(result.body).toEqual({
				success: true,
				profileId: ELI.profileId,
				accountId: ACCOUNT,
				profile: {
					firstName: 'Eli',
					lastName: 'Demo',
					headline: 'Head of Marketing at Litware',
					location: { countryCode: 'us', postalCode: null, geoLocationName: null },
					entityUrn: ELI.profileUrn,
					publicIdentifier: ELI.profileId,
					profilePicture: null,
					isPremium: false,
					isVerified: false,
					supportsFreeEmail: false,
					connectionCount: 500,
					followerCount: 812,
					isConnected: false,
					connectionDegree: 'DISTANCE_2',
					invitationSent: false,
					invitationReceived: false,
				},
				cached: false,
				expiresAt: expect.stringMatching(/Z$/),
				message: 'Profile information retrieved successfully',
			});
			expect(rateHeaders(result.headers)).toMatchObject({
				action: 'PROFILE_VIEW',
				limit: '120',
				used: '1',
				remaining: '119',
			});
		});

		it('serves the cached profile for 6 h, even after the relationship changed', async () => {
			await call('POST', '/linkedin/profile', { profileId: ELI.profileId });
			await call('POST', '/linkedin/connect', { profileId: ELI.profileId });
			const cached = await call('POST', '/linkedin/profile', { profileId: ELI.profileId });
			expect(cached.body).toMatchObject({ cached: true, profile: { invitationSent: false } });
			expect(cached.body.cachedAt).toEqual(expect.stringMatching(/Z$/));
			expect(cached.headers.get('x-ratelimit-used')).toBe('1');
			expect((await relationship(ELI.profileId)).invitationSent).toBe(true);
			const fresh = await call('POST', '/linkedin/profile', {
				profileId: ELI.profileId,
				forceRefresh: true,
			});
			expect(fresh.body).toMatchObject({ cached: false, profile: { invitationSent: true } });
			expect(fresh.headers.get('x-ratelimit-used')).toBe('2');
		});

		it('adds geo location, experience, skills and education only when asked', async () => {
			const result = await call('POST', '/linkedin/profile', {
				profileId: NET.connected.profileId,
				includeGeoLocation: true,
				includeContact: true,
				includeExperience: true,
				includeEducation: true,
				includeSkills: true,
			});
			expect(Object.keys(result.body).sort()).toEqual(
				[
					'accountId',
					'cached',
					'education',
					'expiresAt',
					'experience',
					'message',
					'profile',
					'profileId',
					'skills',
					'success',
				].sort(),
			);
			expect(result.body.profile).toMatchObject({
				isConnected: true,
				connectionDegree: 'DISTANCE_1',
				geoLocation: { city: 'Seattle', country: 'United States' },
			});
			expect(result.body.experience).toEqual([
				expect.objectContaining({ title: 'Head of Growth', companyName: 'Northwind' }),
			]);
		});

		it('takes the same fetch as GET with query parameters', async () => {
			const result = await call(
				'GET',
				`/linkedin/profile?profileId=${NET.pending.profileId}&accountId=${ACCOUNT}&includeGeoLocation=true`,
			);
			expect(result.status).toBe(200);
			expect(result.body.profile).toMatchObject({
				entityUrn: NET.pending.profileUrn,
				invitationSent: true,
				connectionDegree: 'DISTANCE_2',
				geoLocation: expect.any(Object),
			});
			const unsupported = await call(
				'GET',
				`/linkedin/profile?profileId=${ELI.profileId}&includeSkills=true`,
			);
			expect(unsupported.status).toBe(400);
			const flag = await call('GET', `/linkedin/profile?profileId=${ELI.profileId}&forceRefresh=1`);
			expect(zodPaths(flag.body)).toEqual(['forceRefresh']);
		});

		it('answers an unknown profile with an empty profile, and refuses URNs and URLs', async () => {
			const unknown = await call('POST', '/linkedin/profile', { profileId: 'nobody-here' });
			expect(unknown.status).toBe(200);
			expect(unknown.body).toEqual({
				success: true,
				profileId: 'nobody-here',
				accountId: ACCOUNT,
				profile: {},
				cached: false,
				message: 'Profile not found',
			});
			expect(unknown.headers.get('x-ratelimit-used')).toBe('0');
			const urn = await call('POST', '/linkedin/profile', { profileUrn: ELI.profileUrn });
			expect(urn.status).toBe(400);
			expect(zodPaths(urn.body).sort()).toEqual(['', 'profileId']);
			const url = await call('POST', '/linkedin/profile', {
				profileId: 'linkedin.com/in/eli-demo-5',
			});
			expect(zodPaths(url.body)).toEqual(['profileId']);
		});

		it('answers 429 after 120 unique profiles a day; cached ones stay free', async () => {
			let clock = Date.UTC(2026, 4, 13, 10);
			const timed = await startConnectSafelySandbox({ now: () => clock });
			try {
				const fetchOne = (profileId: string) =>
					call('POST', '/linkedin/profile', { profileId }, timed);
				// 117 generated contacts (contact-demo-4 to -120) and the 3 prospects: 120 unique.
				const contacts = Array.from({ length: 117 }, (_, index) => `contact-demo-${index + 4}`);
				const statuses = [];
				for (const id of contacts) statuses.push((await fetchOne(id)).status);
				for (const { profileId } of NET.notConnected)
					statuses.push((await fetchOne(profileId)).status);
				expect(statuses).toEqual(Array(120).fill(200));
				const over = await fetchOne(NET.connected.profileId);
				expect(over.status).toBe(429);
				expect(over.body).toEqual({
					success: false,
					error:
						'Rate limit exceeded for PROFILE_VIEW: 120/120 used. Resets at 2026-05-14T00:00:00Z',
				});
				expect(over.headers.get('retry-after')).toBe(String(14 * 3600));
				expect((await fetchOne(ELI.profileId)).body.cached).toBe(true);
				clock = Date.UTC(2026, 4, 14, 0, 1);
				const nextDay = await fetchOne(NET.connected.profileId);
				expect(nextDay.status).toBe(200);
				expect(nextDay.headers.get('x-ratelimit-used')).toBe('1');
			} finally {
				await timed.close();
			}
		});
	});

	describe('sent invitations', () => {
		const sent = async (query = '') => await call('GET', `/linkedin/invitations/sent${query}`);

		it('lists pending invitations, newest first, with relative times, 10 a page', async () => {
			const first = await sent();
			expect(first.status).toBe(200);
			expect(first.body).toEqual({
				success: true,
				invitations: [
					{
						id: '7455000000000000004',
						invitationId: '7455000000000000004',
						invitationUrn: 'urn:li:invitation:7455000000000000004',
						memberId: 'ACoAADanaDemo4',
						memberUrn: NET.pending.profileUrn,
						invitationType: 'SENT',
						sentAt: '2 days ago',
						profile: {
							firstName: 'Dana',
							lastName: 'Demo',
							headline: 'CTO at Tailspin',
							profileUrl: 'https://www.linkedin.com/in/dana-demo-4',
							publicIdentifier: NET.pending.profileId,
						},
					},
				],
				count: 1,
				startIndex: 0,
				accountId: ACCOUNT,
			});
			for (const { profileId } of NET.notConnected)
				await call('POST', '/linkedin/connect', { profileId });
			const all = await sent(`?accountId=${ACCOUNT}`);
			expect(
				(
					all.body.invitations as Array<{ sentAt: string; profile: { publicIdentifier: string } }>
				).map((entry) => `${entry.profile.publicIdentifier}: ${entry.sentAt}`),
			).toEqual([
				'gus-demo-7: just now',
				'farah-demo-6: just now',
				'eli-demo-5: just now',
				'dana-demo-4: 2 days ago',
			]);
			const second = await sent('?startIndex=3&debug=true');
			expect(second.body).toMatchObject({ count: 1, startIndex: 3 });
			expect(typeof second.body.rawResponse).toBe('string');
			expect((await sent('?startIndex=10')).body).toMatchObject({ invitations: [], count: 0 });
		});

		it('refuses a bad page index, an unknown parameter and another account', async () => {
			expect(zodPaths((await sent('?startIndex=-1')).body)).toEqual(['startIndex']);
			expect((await sent('?limit=5')).status).toBe(400);
			const other = await sent(`?accountId=${OTHER_ACCOUNT}`);
			expect(other).toMatchObject({
				status: 404,
				body: { error: 'No active LinkedIn account found' },
			});
		});

		it('withdraws a pending invitation; the week keeps counting it', async () => {
			const withdrawn = await call('POST', '/linkedin/invitations/withdraw', {
				profileId: NET.pending.profileId,
			});
			expect(withdrawn.status).toBe(200);
			expect(withdrawn.body).toEqual({
				success: true,
				message: 'Successfully withdrew invitation to Dana Demo',
				accountId: ACCOUNT,
			});
			expect(await relationship(NET.pending.profileId)).toMatchObject({
				invitationSent: false,
				status: 'NOT_CONNECTED',
			});
			const again = await call('POST', '/linkedin/invitations/withdraw', {
				profileId: NET.pending.profileId,
			});
			expect(again).toMatchObject({
				status: 400,
				body: { success: false, error: 'No pending invitation to Dana Demo' },
			});
			await call('POST', '/linkedin/connect', { profileId: ELI.profileId });
			const wrongId = await call('POST', '/linkedin/invitations/withdraw', {
				profileId: ELI.profileId,
				invitationId: '1',
			});
			expect(wrongId.status).toBe(400);
			const quota = await call('GET', `/linkedin/account/${ACCOUNT}/quota`);
			expect((quota.body.quotas as Array<{ used: number }>)[1].used).toBe(13);
		});
	});

	describe('accepting an invitation (sandbox admin)', () => {
		it('turns a pending invitation into a connection, once', async () => {
			const accept = (profileId: unknown) =>
				fetch(`${sandbox.url}/__sandbox/accept-invitation`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ profileId }),
				});
			const accepted = await accept(NET.pending.profileId);
			expect(accepted.status).toBe(200);
			expect(await accepted.json()).toEqual({ profileId: NET.pending.profileId, connected: true });
			expect(await relationship(NET.pending.profileId)).toMatchObject({
				connected: true,
				invitationSent: false,
				status: 'CONNECTED',
			});
			expect((await accept(NET.pending.profileId)).status).toBe(400);
			expect((await accept(42)).status).toBe(400);
			expect(sandbox.acceptInvitation(ELI.profileId)).toBe(false);
			expect(sandbox.requests).toHaveLength(1);
		});
	});

	describe('the account and its quotas', () => {
		it('names the default account and the account by ID', async () => {
			const account = {
				id: ACCOUNT,
				firstName: 'Demo',
				lastName: 'Owner',
				publicId: 'owner-demo',
				platform: 'ConnectSafely',
				status: 'AVAILABLE',
				enabled: true,
				lastUsed: expect.stringMatching(/Z$/),
				hasTokens: true,
				linkedinPlan: expect.objectContaining({ isPremium: false, hasSalesNavigator: false }),
			};
			expect(await call('GET', '/linkedin/account/status')).toMatchObject({
				status: 200,
				body: account,
			});
			expect(await call('GET', `/linkedin/account/${ACCOUNT}/status`)).toMatchObject({
				status: 200,
				body: account,
			});
			expect(
				await call('GET', `/linkedin/account/status?accountId=${OTHER_ACCOUNT}`),
			).toMatchObject({ status: 404, body: { error: 'No LinkedIn account found for this user' } });
			expect(await call('GET', '/linkedin/account/acc_12345/status')).toMatchObject({
				status: 400,
				body: { error: 'Invalid account ID format' },
			});
			expect(await call('GET', `/linkedin/account/${OTHER_ACCOUNT}/status`)).toMatchObject({
				status: 404,
				body: { error: 'LinkedIn account not found or not accessible' },
			});
		});

		it('reports the day and week quotas as ConnectSafely counts them', async () => {
			const result = await call('GET', `/linkedin/account/${ACCOUNT}/quota`);
			expect(result.status).toBe(200);
			expect(result.body).toEqual({
				accountId: ACCOUNT,
				quotas: [
					{
						feature: 'PROFILE_VIEW',
						window: 'daily',
						used: 0,
						limit: 120,
						linkedinLimit: 150,
						remaining: 120,
						limitReached: false,
						limitReachedAt: null,
						resetAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 00:00:00\+00:00$/),
					},
					{
						feature: 'CONNECT',
						window: 'weekly',
						used: 12,
						limit: 90,
						linkedinLimit: 100,
						remaining: 78,
						limitReached: false,
						limitReachedAt: null,
						resetAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 00:00:00\+00:00$/),
					},
				],
			});
			expect((await call('GET', `/linkedin/account/${OTHER_ACCOUNT}/quota`)).status).toBe(404);
		});
	});
});
