import { NETWORK } from '../../tools/sandbox/network';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { SANDBOX_PDF, startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { reply, startSandboxServer } from '../../tools/sandbox/server';

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const ACC = UNIPILE_SANDBOX.accountId;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DAY = 86_400_000;

const call = (method: string, path: string, body?: unknown, base = sandbox.baseUrl) =>
	fetch(`${base}/${ACC}${path}`, {
		method,
		headers: {
			'x-api-key': UNIPILE_SANDBOX.apiKey,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
const json = async (response: Response) => ({
	status: response.status,
	body: (await response.json()) as Record<string, unknown>,
});
const get = async (path: string) => await json(await call('GET', path));
const post = async (path: string, body?: unknown) => await json(await call('POST', path, body));
/** A v2 problem body (RFC 7807; `req_id` varies). */
const problem = (status: number, type: string, detail: string) => ({
	status,
	body: {
		object: 'Error',
		type,
		status,
		title: expect.any(String),
		detail,
		req_id: expect.any(String),
	},
});
const invalid = (detail: string) => problem(400, 'api/invalid_parameters', detail);
const notFound = (detail: string) => problem(404, 'api/resource_not_found', detail);

const start = (body: unknown, inbox = 'CLASSIC_PRIMARY') =>
	fetch(`${sandbox.baseUrl}/${ACC}/inboxes/${inbox}/chats/send`, {
		method: 'POST',
		headers: { 'x-api-key': UNIPILE_SANDBOX.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
const startTo = async (userId: string, classic?: Record<string, unknown>) =>
	await json(
		await start({
			users_ids: userId,
			text: 'Hello',
			...(classic ? { specifics: { linkedin: { classic } } } : {}),
		}),
	);
const classicCredits = async () =>
	((await get('/linkedin/inmail-credits')).body.credits as { classic: number }).classic;

type RelationRequest = { id: string; type: string; created_at: string; user: { id: string } };
const requestsOf = async (query: string) =>
	(await get(`/users/me/relation-requests?${query}`)).body.data as RelationRequest[];
const userOf = (providerId: string, publicIdentifier: string, name: string, headline: string) => ({
	object: 'User',
	id: providerId,
	type: 'individual',
	public_identifier: publicIdentifier,
	display_name: name,
	profile_url: `https://www.linkedin.com/in/${publicIdentifier}/`,
	description: headline,
});
const GROWTH = 'Head of Growth at Example Co';

it.each([
	['attendees_ids', { attendees_ids: ['u'], text: 'x' }],
	['options', { users_ids: 'u', text: 'x', options: { linkedin: { classic: { inmail: true } } } }],
])('rejects the off-spec key %s, naming it', async (key, body) => {
	const response = await start(body);
	expect(response.status).toBe(400);
	expect(((await response.json()) as { detail: string }).detail).toContain(key);
});

it('rejects calls without the API key', async () => {
	const response = await fetch(`${sandbox.baseUrl}/accounts/`);
	expect(response.status).toBe(400);
});

describe('GET /v2/{account}/users/{user_id}', () => {
	it('resolves a public identifier to the user ID, with distance and the pending request', async () => {
		const { status, body } = await get(`/users/${NETWORK.invited.publicIdentifier}`);
		expect(status).toBe(200);
		expect(body).toEqual({
			...userOf(NETWORK.invited.providerId, 'pat-pending', 'Pat Pending', GROWTH),
			object: 'UserProfile',
			first_name: 'Pat',
			last_name: 'Pending',
			location: 'Lyon, France',
			is_blocked: false,
			provider: 'linkedin',
			specifics: {
				member_id: expect.stringMatching(/^\d+$/),
				network_distance: 'SECOND_DEGREE',
				can_send_inmail: true,
				is_open_profile: false,
				is_premium: false,
				relation_request: {
					object: 'RelationRequest',
					id: expect.stringMatching(/^\d+$/),
					type: 'sent',
					created_at: expect.stringMatching(ISO),
					message: 'Hi, I enjoyed your post on outbound, happy to connect',
					user: userOf(NETWORK.invited.providerId, 'pat-pending', 'Pat Pending', GROWTH),
				},
				relation_request_status: 'PENDING',
			},
		});
		expect((await get(`/users/${NETWORK.invited.providerId}`)).body).toEqual(body);
		expect((await get('/users/Pat-Pending?variant=linkedin_classic')).body).toEqual(body);
	});

	it.each([
		[
			'a relation',
			UNIPILE_SANDBOX.userIds[0],
			{ network_distance: 'FIRST_DEGREE', can_send_inmail: true, is_open_profile: false },
		],
		[
			'someone who invited the account',
			NETWORK.inviter.publicIdentifier,
			{
				network_distance: 'SECOND_DEGREE',
				relation_request: expect.objectContaining({ type: 'received' }),
				relation_request_status: 'PENDING',
			},
		],
		[
			'an open profile',
			NETWORK.openProfile.publicIdentifier,
			{ network_distance: 'THIRD_DEGREE', is_open_profile: true, is_premium: true },
		],
		[
			'a stranger',
			NETWORK.stranger.publicIdentifier,
			{ network_distance: 'OUT_OF_NETWORK', can_send_inmail: false, is_open_profile: false },
		],
		['the account itself (me)', 'me', { network_distance: 'SELF', can_send_inmail: false }],
	])('describes %s', async (_, userId, specifics) => {
		const { status, body } = await get(`/users/${userId}`);
		expect(status).toBe(200);
		expect(body.specifics).toMatchObject(specifics);
		if (userId === UNIPILE_SANDBOX.userIds[0] || userId === 'me')
			expect(body.specifics).not.toHaveProperty('relation_request_status');
	});

	it('refuses a profile URL, a non-classic variant with a public identifier and unknown users', async () => {
		expect(
			await get(`/users/${encodeURIComponent('https://www.linkedin.com/in/pat-pending/')}`),
		).toEqual(
			invalid(
				'user_id: pass the public identifier (the part after /in/ of the profile URL) or the user ID, not a URL',
			),
		);
		expect(await get('/users/pat-pending?variant=linkedin_sales_navigator')).toEqual(
			invalid('user_id: only the linkedin_classic variant takes a public identifier'),
		);
		expect(await get('/users/pat-pending?linkedin_sections=*')).toEqual(
			invalid(
				'Unknown query parameter(s): linkedin_sections (this route takes variant, with_sections)',
			),
		);
		expect(await get('/users/nobody-here')).toEqual(notFound('User nobody-here not found'));
	});
});

describe('relation requests', () => {
	it('lists pending sent requests newest first, with dates spanning two months', async () => {
		const sent = await requestsOf('type=sent');
		expect(sent).toHaveLength(NETWORK.sentCount);
		const dates = sent.map((entry) => entry.created_at);
		expect(dates).toEqual([...dates].sort().reverse());
		expect(dates.every((date) => ISO.test(date))).toBe(true);
		const weekAgo = Date.now() - 7 * DAY;
		expect(dates.filter((date) => Date.parse(date) > weekAgo)).toHaveLength(NETWORK.sentLastWeek);
		expect(Date.now() - Date.parse(dates[dates.length - 1])).toBeGreaterThan(60 * DAY);
		expect(sent[2]).toMatchObject({ type: 'sent', user: { id: NETWORK.invited.providerId } });
	});

	it('lists received requests, the inviter first', async () => {
		const received = await requestsOf('type=received');
		expect(received.map((entry) => entry.user.id)).toEqual([
			NETWORK.inviter.providerId,
			'ACoAAInviter00002',
			'ACoAAInviter00003',
		]);
		expect(received[0]).toEqual({
			object: 'RelationRequest',
			id: expect.stringMatching(/^\d+$/),
			type: 'received',
			created_at: expect.stringMatching(ISO),
			message: 'Hi! We work on similar topics, let us connect',
			user: userOf(NETWORK.inviter.providerId, 'rita-invites', 'Rita Invites', GROWTH),
		});
	});

	it('pages with offset and limit; an empty page is the end', async () => {
		const all = await requestsOf('type=sent');
		expect((await requestsOf('type=sent&limit=5')).map((entry) => entry.id)).toEqual(
			all.slice(0, 5).map((entry) => entry.id),
		);
		expect((await requestsOf('type=sent&offset=10&limit=5')).map((entry) => entry.id)).toEqual(
			all.slice(10).map((entry) => entry.id),
		);
		expect(await get('/users/me/relation-requests?type=sent&offset=12')).toEqual({
			status: 200,
			body: { data: [] },
		});
	});

	it.each([
		['', 'type: must be "sent" or "received"'],
		['type=pending', 'type: must be "sent" or "received"'],
		['type=sent&cursor=abc', 'cursor: relation requests page with offset, not cursor'],
		['type=sent&offset=-1', 'offset: must be an integer of at least 0'],
		['type=sent&limit=0', 'limit: must be an integer from 1 to 250'],
	])('refuses the query "%s"', async (query, detail) => {
		expect(await get(`/users/me/relation-requests?${query}`)).toEqual(invalid(detail));
	});

	it('sends a request (201) that the list and the profile then show', async () => {
		const { status, body } = await post('/users/me/relation-requests', {
			user_id: NETWORK.stranger.providerId,
			message: 'Hello Nora',
		});
		expect(status).toBe(201);
		expect(body).toEqual({
			object: 'RelationRequest',
			id: expect.stringMatching(/^\d+$/),
			type: 'sent',
			created_at: expect.stringMatching(ISO),
			message: 'Hello Nora',
			user: userOf(NETWORK.stranger.providerId, 'nora-new', 'Nora New', GROWTH),
		});
		const sent = await requestsOf('type=sent');
		expect(sent).toHaveLength(NETWORK.sentCount + 1);
		expect(sent[0].id).toBe(body.id);
		expect((await get('/users/nora-new')).body.specifics).toMatchObject({
			relation_request: { id: body.id, type: 'sent' },
			relation_request_status: 'PENDING',
		});
	});

	it('takes a 300-character note and refuses 301, counting characters not bytes', async () => {
		const note = (length: number) => '🙂'.repeat(length);
		expect(
			await post('/users/me/relation-requests', {
				user_id: NETWORK.stranger.providerId,
				message: note(301),
			}),
		).toEqual(invalid('message: 301 characters; LinkedIn takes at most 300 in an invitation note'));
		const { status } = await post('/users/me/relation-requests', {
			user_id: NETWORK.stranger.providerId,
			message: note(300),
		});
		expect(status).toBe(201);
	});

	it.each([
		[
			'a relation',
			UNIPILE_SANDBOX.userIds[0],
			problem(422, 'provider/already_connected', 'Demo Contact 1 is already a relation'),
		],
		[
			'someone already invited',
			NETWORK.invited.providerId,
			problem(
				422,
				'provider/already_invited_recently',
				'An invitation has already been sent recently to this recipient. Please try again later.',
			),
		],
		[
			'someone who invited the account',
			NETWORK.inviter.providerId,
			problem(
				422,
				'provider/action_already_performed',
				'Rita Invites has sent you a relation request: accept it instead',
			),
		],
		['an unknown user', 'ACoAAUnknown0001', notFound('User ACoAAUnknown0001 not found')],
		['the account itself', UNIPILE_SANDBOX.ownerId, invalid('user_id: this is the account itself')],
		[
			'a public identifier',
			'nora-new',
			invalid(
				"user_id: must be the user's ID (ACo…); get it with GET /users/{public_identifier} from the profile URL",
			),
		],
	])('refuses a request to %s, sending nothing', async (_, userId, expected) => {
		expect(await post('/users/me/relation-requests', { user_id: userId })).toEqual(expected);
		expect(await requestsOf('type=sent')).toHaveLength(NETWORK.sentCount);
	});

	it('refuses v1 field names', async () => {
		expect(
			await post('/users/me/relation-requests', { provider_id: NETWORK.stranger.providerId }),
		).toEqual(invalid('Unrecognized key(s) in object: provider_id'));
	});

	it("stops at LinkedIn's weekly limit, counting withdrawn requests too", async () => {
		const limited = await startUnipileSandbox({ weeklyInvitationLimit: NETWORK.sentLastWeek + 1 });
		try {
			const send = async (userId: string) =>
				await json(
					await call('POST', '/users/me/relation-requests', { user_id: userId }, limited.baseUrl),
				);
			const first = await send(NETWORK.stranger.providerId);
			expect(first.status).toBe(201);
			const cancel = await call(
				'POST',
				`/users/me/relation-requests/${String(first.body.id)}/cancel`,
				undefined,
				limited.baseUrl,
			);
			expect(cancel.status).toBe(200);
			expect(await send(NETWORK.openProfile.providerId)).toEqual(
				problem(
					422,
					'provider/limit_exceeded',
					"The account has reached LinkedIn's weekly invitation limit",
				),
			);
		} finally {
			await limited.close();
		}
	});

	it('withdraws a sent request with cancel; inviting again soon is refused', async () => {
		const pat = (await requestsOf('type=sent'))[2];
		expect(await post(`/users/me/relation-requests/${pat.id}/cancel`)).toEqual({
			status: 200,
			body: { object: 'RelationRequestCanceled' },
		});
		expect((await requestsOf('type=sent')).map((entry) => entry.id)).not.toContain(pat.id);
		const { specifics } = (await get('/users/pat-pending')).body as {
			specifics: Record<string, unknown>;
		};
		expect(specifics.relation_request_status).toBe('WITHDRAWN');
		expect(specifics).not.toHaveProperty('relation_request');
		expect(
			(await post('/users/me/relation-requests', { user_id: NETWORK.invited.providerId })).body
				.type,
		).toBe('provider/already_invited_recently');
		expect(await post(`/users/me/relation-requests/${pat.id}/cancel`)).toEqual(
			notFound(`Relation request ${pat.id} not found`),
		);
	});

	it('refuses a received request with cancel', async () => {
		const [rita] = await requestsOf('type=received');
		expect((await post(`/users/me/relation-requests/${rita.id}/cancel`)).status).toBe(200);
		expect(await requestsOf('type=received')).toHaveLength(NETWORK.receivedCount - 1);
		expect((await get('/users/rita-invites')).body.specifics).toMatchObject({
			network_distance: 'SECOND_DEGREE',
			relation_request_status: 'IGNORED',
		});
	});

	it('accepts a received request: a new relation, listed first', async () => {
		const [rita] = await requestsOf('type=received');
		expect(await post(`/users/me/relation-requests/${rita.id}/accept`)).toEqual({
			status: 200,
			body: { object: 'RelationRequestConfirmed' },
		});
		expect(await requestsOf('type=received')).toHaveLength(NETWORK.receivedCount - 1);
		const profile = (await get('/users/rita-invites')).body.specifics;
		expect(profile).toMatchObject({ network_distance: 'FIRST_DEGREE' });
		expect(profile).not.toHaveProperty('relation_request_status');
		const relations = (await get('/users/me/relations')).body.data as Array<{
			user: { id: string };
		}>;
		expect(relations[0].user.id).toBe(NETWORK.inviter.providerId);
		expect((await startTo(NETWORK.inviter.providerId)).status).toBe(200);
	});

	it('refuses to accept a sent request, an unknown one, or one with a body', async () => {
		const [latest] = await requestsOf('type=sent');
		expect(await post(`/users/me/relation-requests/${latest.id}/accept`)).toEqual(
			invalid(
				`request_id: ${latest.id} is a request you sent; only a received one can be accepted`,
			),
		);
		expect(await post('/users/me/relation-requests/123/accept')).toEqual(
			notFound('Relation request 123 not found'),
		);
		const [rita] = await requestsOf('type=received');
		expect(await post(`/users/me/relation-requests/${rita.id}/accept`, {})).toEqual(
			invalid('accept takes no body'),
		);
	});

	it('lets a test make the person accept a pending request', async () => {
		expect(sandbox.acceptRelationRequest(NETWORK.invited.providerId)).toBe(true);
		expect(sandbox.acceptRelationRequest(NETWORK.invited.providerId)).toBe(false);
		expect(await requestsOf('type=sent')).toHaveLength(NETWORK.sentCount - 1);
		expect((await get('/users/pat-pending')).body.specifics).toMatchObject({
			network_distance: 'FIRST_DEGREE',
		});
	});
});

describe('GET /v2/{account}/users/me/relations', () => {
	it('lists the relations newest first, with a search and cursor pages', async () => {
		const { status, body } = await get('/users/me/relations');
		expect(status).toBe(200);
		expect(body).toEqual({
			data: UNIPILE_SANDBOX.userIds.map((providerId, index) => ({
				object: 'UserRelation',
				id: `urn:li:fsd_connection:${providerId}`,
				user: userOf(
					providerId,
					`demo-contact-${index + 1}`,
					`Demo Contact ${index + 1}`,
					'Sales Director at Demo Corp',
				),
				created_at: expect.stringMatching(ISO),
			})),
			next_cursor: null,
		});
		const searched = (await get('/users/me/relations?search=contact%202')).body.data as unknown[];
		expect(searched).toHaveLength(1);
		const first = (await get('/users/me/relations?limit=3')).body;
		expect(first.data).toHaveLength(3);
		const rest = (await get(`/users/me/relations?limit=3&cursor=${String(first.next_cursor)}`))
			.body;
		expect(rest).toEqual({ data: [expect.objectContaining({})], next_cursor: null });
	});

	it("plays only the account's own relations", async () => {
		expect(await get(`/users/${NETWORK.invited.providerId}/relations`)).toEqual(
			invalid("user_id: the sandbox plays only the account's own relations (me)"),
		);
	});
});

describe('starting chats across the network', () => {
	it('needs the relation request ID to message someone who invited the account', async () => {
		expect(await startTo(NETWORK.inviter.providerId)).toEqual(
			invalid(
				`specifics.linkedin.classic.relation_request_id: mandatory to start a chat with ${NETWORK.inviter.providerId}, who sent you a relation request you have not answered`,
			),
		);
		expect(await startTo(NETWORK.inviter.providerId, { relation_request_id: '42' })).toEqual(
			invalid(
				`specifics.linkedin.classic.relation_request_id: 42 is not a pending relation request from ${NETWORK.inviter.providerId}`,
			),
		);
		const [rita] = await requestsOf('type=received');
		const { status, body } = await startTo(NETWORK.inviter.providerId, {
			relation_request_id: rita.id,
		});
		expect(status).toBe(200);
		expect(body).toMatchObject({ object: 'ChatStarted', chat_id: expect.any(String) });
	});

	it('refuses a plain message outside the relations, and an InMail to someone closed to it', async () => {
		expect(await startTo(NETWORK.invited.providerId)).toEqual(
			problem(
				422,
				'provider/no_connection_with_recipient',
				`${NETWORK.invited.providerId} is not a relation: start with an InMail, or send a relation request first`,
			),
		);
		expect(await startTo(NETWORK.stranger.providerId, { inmail: true })).toEqual(
			problem(
				422,
				'provider/not_allowed_inmail',
				`${NETWORK.stranger.providerId} cannot be reached by InMail`,
			),
		);
		expect(await classicCredits()).toBe(5);
	});

	it('spends an InMail credit, except on an open profile', async () => {
		expect((await startTo(NETWORK.openProfile.providerId, { inmail: true })).status).toBe(200);
		expect(await classicCredits()).toBe(5);
		expect((await startTo(NETWORK.invited.providerId, { inmail: true })).status).toBe(200);
		expect(await classicCredits()).toBe(4);
	});

	it('takes each product’s options only from its own Primary inbox', async () => {
		const sales = { users_ids: NETWORK.openProfile.providerId, text: 'Hi' };
		expect(
			await json(
				await start({ ...sales, specifics: { linkedin: { sales_navigator: { subject: 'Hi' } } } }),
			),
		).toEqual(
			invalid('specifics.linkedin.sales_navigator: does not apply to inbox CLASSIC_PRIMARY'),
		);
		expect(
			await json(
				await start(
					{ ...sales, specifics: { linkedin: { classic: { inmail: true } } } },
					'SALES_NAVIGATOR_PRIMARY',
				),
			),
		).toEqual(
			invalid('specifics.linkedin.classic: does not apply to inbox SALES_NAVIGATOR_PRIMARY'),
		);
		expect(
			await json(
				await start(
					{ ...sales, specifics: { linkedin: { sales_navigator: {} } } },
					'SALES_NAVIGATOR_PRIMARY',
				),
			),
		).toEqual(invalid('specifics.linkedin.sales_navigator.subject: Required'));
		const started = await json(
			await start(
				{ ...sales, specifics: { linkedin: { sales_navigator: { subject: 'A question' } } } },
				'SALES_NAVIGATOR_PRIMARY',
			),
		);
		expect(started.status).toBe(200);
		expect((await get(`/chats/${String(started.body.chat_id)}`)).body.inbox_id).toBe(
			'SALES_NAVIGATOR_PRIMARY',
		);
	});

	it('keeps Sales Navigator threads apart from Classic chats', async () => {
		const user = UNIPILE_SANDBOX.userIds[0];
		expect((await startTo(user)).body.chat_id).toBe(UNIPILE_SANDBOX.chatIds[0]);
		const sales = await json(
			await start(
				{
					users_ids: user,
					text: 'Hi',
					specifics: { linkedin: { sales_navigator: { subject: 'Hello' } } },
				},
				'SALES_NAVIGATOR_PRIMARY',
			),
		);
		expect(sales.status).toBe(200);
		expect(sales.body.chat_id).not.toBe(UNIPILE_SANDBOX.chatIds[0]);
	});

	it('refuses a start from a disabled inbox', async () => {
		expect(
			await json(
				await start(
					{
						users_ids: UNIPILE_SANDBOX.userIds[0],
						text: 'Hi',
						specifics: { linkedin: { recruiter: { subject: 'Role', signature: 'Demo' } } },
					},
					'RECRUITER_PRIMARY',
				),
			),
		).toEqual(
			invalid('Inbox RECRUITER_PRIMARY is disabled: messaging is off for it on this account'),
		);
	});
});

describe('chats and messages', () => {
	const chatId = UNIPILE_SANDBOX.chatIds[0];

	it('gets one chat and one message by ID', async () => {
		const chat = await get(`/chats/${chatId}`);
		expect(chat.status).toBe(200);
		expect(chat.body).toMatchObject({
			object: 'Chat',
			id: chatId,
			user_id: UNIPILE_SANDBOX.userIds[0],
		});
		expect(chat.body).not.toHaveProperty('messages');
		const listed = ((await get(`/chats/${chatId}/messages`)).body.data as unknown[])[2];
		expect(await get(`/chats/${chatId}/messages/${UNIPILE_SANDBOX.messageIds[0]}`)).toEqual({
			status: 200,
			body: listed,
		});
		expect(await get(`/chats/${chatId}/messages/msg_nope`)).toEqual(
			notFound('Message msg_nope not found'),
		);
		expect(
			await get(`/chats/${UNIPILE_SANDBOX.chatIds[1]}/messages/${UNIPILE_SANDBOX.messageIds[0]}`),
		).toEqual(notFound(`Message ${UNIPILE_SANDBOX.messageIds[0]} not found`));
	});

	it('marks a chat read (unread_count 0) or unread (-1) with PATCH read_status', async () => {
		const unread = UNIPILE_SANDBOX.chatIds[2];
		expect((await get(`/chats/${unread}`)).body.unread_count).toBe(1);
		const patch = async (body: unknown) =>
			await json(await call('PATCH', `/chats/${unread}`, body));
		const read = await patch({ read_status: true });
		expect(read.status).toBe(200);
		expect(read.body).toMatchObject({ object: 'Chat', id: unread, unread_count: 0 });
		expect((await get(`/chats/${unread}`)).body.unread_count).toBe(0);
		expect((await patch({ read_status: false })).body.unread_count).toBe(-1);
		expect(await patch({ action: 'setReadStatus', value: true })).toEqual(
			invalid('Unrecognized key(s) in object: action, value'),
		);
		expect(await patch({ read_status: 'yes' })).toEqual(
			invalid('read_status: Expected boolean, received string'),
		);
	});

	it('adds reactions: each emoji once per account, counted on the message', async () => {
		const path = `/chats/${chatId}/messages/${UNIPILE_SANDBOX.messageIds[0]}`;
		expect(await post(`${path}/reactions`, { reaction: '👍' })).toEqual({
			status: 200,
			body: { object: 'MessageReactionAdded' },
		});
		await post(`${path}/reactions`, { reaction: '👍' });
		expect((await post(`${path}/reactions`, { reaction: '👍🏽' })).status).toBe(200);
		expect((await get(path)).body.reactions_counter).toEqual([
			{ reaction: '👍', count: 1 },
			{ reaction: '👍🏽', count: 1 },
		]);
		expect(await post(`${path}/reactions`, { reaction: 'like' })).toEqual(
			invalid('reaction: must be one emoji, e.g. 👍'),
		);
		expect(await post(`/chats/${chatId}/messages/msg_nope/reactions`, { reaction: '👍' })).toEqual(
			notFound('Message msg_nope not found'),
		);
	});

	it('refuses reactions in a Sales Navigator chat', async () => {
		const [salesChat] = UNIPILE_SANDBOX.salesNavigatorChatIds;
		const messageId = `msg_${salesChat.slice(5)}_3`;
		expect(
			await post(`/chats/${salesChat}/messages/${messageId}/reactions`, { reaction: '👍' }),
		).toEqual(
			invalid(
				`Reactions are not available on Recruiter and Sales Navigator (chat ${salesChat} is in SALES_NAVIGATOR_PRIMARY)`,
			),
		);
	});

	it('downloads an attachment as its bytes with its MIME type', async () => {
		const { chatId: chat, messageId, attachmentId } = UNIPILE_SANDBOX.attachment;
		const message = (await get(`/chats/${chat}/messages/${messageId}`)).body;
		expect(message.attachments).toEqual([
			{
				id: attachmentId,
				mimetype: 'application/pdf',
				filename: 'proposal.pdf',
				file_size: SANDBOX_PDF.length,
				type: 'file',
			},
		]);
		const response = await call(
			'GET',
			`/chats/${chat}/messages/${messageId}/attachments/${attachmentId}`,
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await response.arrayBuffer())).toEqual(SANDBOX_PDF);
		expect(await get(`/chats/${chat}/messages/${messageId}/attachments/att_nope`)).toEqual(
			notFound(`Attachment att_nope not found in message ${messageId}`),
		);
	});

	it('downloads a file the account sent', async () => {
		const bytes = Buffer.from('hello file');
		const sent = await post(`/chats/${chatId}/messages/send`, {
			text: '',
			attachments: [
				{ content: bytes.toString('base64'), content_type: 'text/plain', filename: 'note.txt' },
			],
		});
		const message = (await get(`/chats/${chatId}/messages/${String(sent.body.message_id)}`))
			.body as {
			attachments: Array<{ id: string }>;
		};
		const response = await call(
			'GET',
			`/chats/${chatId}/messages/${String(sent.body.message_id)}/attachments/${message.attachments[0].id}`,
		);
		expect(response.headers.get('content-type')).toBe('text/plain');
		expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
	});
});

describe('inboxes', () => {
	it('lists the inboxes, Recruiter disabled', async () => {
		expect((await get('/inboxes')).body.data).toEqual([
			{ object: 'Inbox', id: 'CLASSIC_PRIMARY', description: 'LinkedIn Classic', disabled: false },
			{
				object: 'Inbox',
				id: 'CLASSIC_SECONDARY',
				description: 'LinkedIn Classic (other)',
				disabled: false,
			},
			{
				object: 'Inbox',
				id: 'SALES_NAVIGATOR_PRIMARY',
				description: 'Sales Navigator',
				disabled: false,
			},
			{ object: 'Inbox', id: 'RECRUITER_PRIMARY', description: 'Recruiter', disabled: true },
		]);
	});

	it('lists the chats of one inbox (one LinkedIn product)', async () => {
		const ids = async (inbox: string) =>
			((await get(`/inboxes/${inbox}/chats?limit=50`)).body.data as Array<{ id: string }>).map(
				(chat) => chat.id,
			);
		expect(await ids('SALES_NAVIGATOR_PRIMARY')).toEqual(UNIPILE_SANDBOX.salesNavigatorChatIds);
		expect(await ids('CLASSIC_PRIMARY')).toHaveLength(UNIPILE_SANDBOX.chatCount - 2);
		expect(await ids('RECRUITER_PRIMARY')).toEqual([]);
		expect(await get('/inboxes/NOPE/chats')).toEqual(notFound('Inbox NOPE not found'));
	});
});

describe('webhook events', () => {
	it('delivers New Relation and Account Status as signed envelopes to the endpoints that asked for them', async () => {
		sandbox.reset();
		const received: Array<{ type: string; payload: unknown; signed: boolean }> = [];
		const receiver = await startSandboxServer({
			onReset: () => {},
			handle: (request) => {
				const body = request.body as { type: string; payload: unknown };
				received.push({
					type: body.type,
					payload: body.payload,
					signed: /^t=\d+,v0=[0-9a-f]{64}$/.test(String(request.headers['unipile-signature'])),
				});
				return reply(200, {});
			},
		});
		try {
			const created = await fetch(`${sandbox.baseUrl}/webhooks/endpoints/`, {
				method: 'POST',
				headers: { 'x-api-key': UNIPILE_SANDBOX.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({
					url: `${receiver.url}/hook`,
					trigger_events: ['relation.request.accept', 'account.status.errored'],
				}),
			});
			expect(created.status).toBe(200);
			const one = [{ url: `${receiver.url}/hook`, status: 200 }];
			expect(await sandbox.emitNewRelation(UNIPILE_SANDBOX.userIds[2])).toEqual(one);
			expect(await sandbox.emitAccountStatus('errored')).toEqual(one);
			expect(await sandbox.emitAccountStatus('running')).toEqual([]);
			// The demo's curl: the person accepts the pending request, then the event names them.
			const accept = (userId: string) =>
				fetch(`${sandbox.url}/__sandbox/accept-invitation`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ userId }),
				});
			expect(await json(await accept(NETWORK.invited.providerId))).toEqual({
				status: 200,
				body: one,
			});
			expect(await json(await accept(NETWORK.invited.providerId))).toEqual({
				status: 400,
				body: { error: `no pending relation request to ${NETWORK.invited.providerId}` },
			});
			expect((await get('/users/pat-pending')).body).toMatchObject({
				specifics: { network_distance: 'FIRST_DEGREE' },
			});
			expect(received).toEqual([
				{
					type: 'relation.request.accept',
					payload: {
						user_provider_id: UNIPILE_SANDBOX.userIds[2],
						user_full_name: 'Contact 0003',
						user_public_identifier: 'contact-0003',
						user_profile_url: 'https://www.linkedin.com/in/contact-0003/',
					},
					signed: true,
				},
				{
					type: 'account.status.errored',
					payload: { timestamp: expect.any(String), reason: 'provider' },
					signed: true,
				},
				{
					type: 'relation.request.accept',
					payload: {
						user_provider_id: NETWORK.invited.providerId,
						user_full_name: 'Pat Pending',
						user_public_identifier: 'pat-pending',
						user_profile_url: 'https://www.linkedin.com/in/pat-pending/',
					},
					signed: true,
				},
			]);
		} finally {
			await receiver.close();
		}
	});
});
