/**
 * The LinkedIn network behind the ConnectSafely sandbox: connection requests, relationship checks,
 * profile fetches, sent invitations, account status and quotas, played statefully and strictly from
 * docs/connectsafely.md#send-a-connection-request and the sections after it.
 */
import { z } from 'zod';

import { notFound, validation, zodError } from './connectsafelyErrors';
import type { RecordedRequest, Reply } from './server';
import { reply } from './server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Degree = 'DISTANCE_1' | 'DISTANCE_2' | 'DISTANCE_3';

interface Person {
	profileId: string;
	profileUrn: string;
	firstName: string;
	lastName: string;
	headline: string | null;
	degree: Degree;
	/** A connection request the account sent that is still pending. */
	invitation?: { id: string; sentAt: number };
}

const seed = (
	profileId: string,
	urnTail: string,
	name: string,
	headline: string,
	degree: Degree,
): Person => {
	const [firstName, lastName] = name.split(' ');
	return {
		profileId,
		profileUrn: `urn:li:fsd_profile:${urnTail}`,
		firstName,
		lastName,
		headline,
		degree,
	};
};

/** The seeded network: who is connected, who has a pending invitation, who is not connected. */
export const CONNECTSAFELY_NETWORK = {
	connected: { profileId: 'ana-demo-1', profileUrn: 'urn:li:fsd_profile:ACoAAAnaDemo1' },
	/** Invited two days before the sandbox (re)starts. */
	pending: { profileId: 'dana-demo-4', profileUrn: 'urn:li:fsd_profile:ACoAADanaDemo4' },
	notConnected: [
		{ profileId: 'eli-demo-5', profileUrn: 'urn:li:fsd_profile:ACoAAEliDemo5' },
		{ profileId: 'farah-demo-6', profileUrn: 'urn:li:fsd_profile:ACoAAFarahDemo6' },
		{ profileId: 'gus-demo-7', profileUrn: 'urn:li:fsd_profile:ACoAAGusDemo7' },
	],
	/**
	 * Not connected, nothing pending: people only the send matrix invites (test/matrix), one per
	 * item of each execution, so that no other test's person changes.
	 */
	prospects: [
		{ profileId: 'hugo-demo-8', urnTail: 'ACoAAHugoDemo8', name: 'Hugo Demo' },
		{ profileId: 'ines-demo-9', urnTail: 'ACoAAInesDemo9', name: 'Ines Demo' },
		{ profileId: 'jon-demo-10', urnTail: 'ACoAAJonDemo10', name: 'Jon Demo' },
		{ profileId: 'kai-demo-11', urnTail: 'ACoAAKaiDemo11', name: 'Kai Demo' },
		{ profileId: 'lena-demo-12', urnTail: 'ACoAALenaDemo12', name: 'Lena Demo' },
		{ profileId: 'milo-demo-13', urnTail: 'ACoAAMiloDemo13', name: 'Milo Demo' },
	],
	/** Connection requests per account per week, Monday 00:00 UTC to Monday. */
	connectWeeklyLimit: 90,
	/** Connection requests already made this week when the sandbox (re)starts. */
	connectsUsed: 12,
	/** How long an account stays on hold after it exceeded the weekly limit. */
	holdMs: DAY,
	/** Unique profile fetches per account per UTC day; cached fetches are free. */
	profileDailyLimit: 120,
	profileCacheMs: 6 * HOUR,
	/** Sent invitations per page (unconfirmed for the sent list; the received list says 10). */
	invitationPageSize: 10,
};

function people(conversationCount: number, now: number): Person[] {
	// The first three have conversations in the sandbox, so they are connected; so are the
	// generated conversation contacts.
	const list = [
		seed('ana-demo-1', 'ACoAAAnaDemo1', 'Ana Demo', 'Head of Growth at Northwind', 'DISTANCE_1'),
		seed('ben-demo-2', 'ACoAABenDemo2', 'Ben Demo', 'Founder at Contoso', 'DISTANCE_1'),
		seed('chloe-demo-3', 'ACoAAChloeDemo3', 'Chloe Demo', 'VP Sales at Fabrikam', 'DISTANCE_1'),
		{
			...seed('dana-demo-4', 'ACoAADanaDemo4', 'Dana Demo', 'CTO at Tailspin', 'DISTANCE_2'),
			invitation: { id: '7455000000000000004', sentAt: now - 2 * DAY },
		},
		seed('eli-demo-5', 'ACoAAEliDemo5', 'Eli Demo', 'Head of Marketing at Litware', 'DISTANCE_2'),
		seed('farah-demo-6', 'ACoAAFarahDemo6', 'Farah Demo', 'COO at Adventure Works', 'DISTANCE_3'),
		seed('gus-demo-7', 'ACoAAGusDemo7', 'Gus Demo', 'Talent Partner at Wingtip', 'DISTANCE_2'),
		...CONNECTSAFELY_NETWORK.prospects.map(({ profileId, urnTail, name }) =>
			seed(profileId, urnTail, name, 'Account Executive at Proseware', 'DISTANCE_2'),
		),
	];
	for (let n = 4; n <= conversationCount; n++) {
		list.push({
			profileId: `contact-demo-${n}`,
			profileUrn: `urn:li:fsd_profile:ACoAAContact${n}`,
			firstName: 'Contact',
			lastName: String(n),
			headline: null,
			degree: 'DISTANCE_1',
		});
	}
	return list;
}

/** ISO 8601 without milliseconds, as in the cookbook's 429 example. */
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** The quota endpoint's own date form: `2026-09-01 00:00:00+00:00`. */
const quotaDate = (t: number) => iso(t).replace('T', ' ').replace('Z', '+00:00');

const nextMidnight = (t: number) => {
	const d = new Date(t);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};
const nextMonday = (t: number) => {
	const d = new Date(t);
	const days = (8 - d.getUTCDay()) % 7 || 7;
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days);
};

/** LinkedIn's relative times, as `GET /invitations/sent` shows `sentAt`. */
function ago(ms: number) {
	const units: Array<[number, string]> = [
		[7 * DAY, 'week'],
		[DAY, 'day'],
		[HOUR, 'hour'],
		[MINUTE, 'minute'],
	];
	for (const [size, unit] of units) {
		const n = Math.floor(ms / size);
		if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
	}
	return 'just now';
}

function limitHeaders(action: string, limit: number, used: number, reset: number) {
	return {
		'X-RateLimit-Action': action,
		'X-RateLimit-Limit': String(limit),
		'X-RateLimit-Used': String(used),
		'X-RateLimit-Remaining': String(Math.max(0, limit - used)),
		'X-RateLimit-Reset': iso(reset),
	};
}

/** A quota window: what was used in it, when it ends, when the limit was hit. */
interface Window {
	used: number;
	end: number;
	reachedAt?: number;
	/** Profiles already counted in this window (a profile counts once a day). */
	counted: Set<string>;
}

const accountIdField = z
	.string()
	.regex(/^[0-9a-f]{24}$/, 'Invalid account ID format')
	.optional();
const slug = z
	.string()
	.min(1, 'Required')
	.regex(
		/^[^\s/:?#]+$/,
		'profileId must be the vanity slug (the part after linkedin.com/in/), not a URL or URN',
	);
const profileUrn = z
	.string()
	.regex(/^urn:li:fsd_profile:[^\s]+$/, 'profileUrn must look like urn:li:fsd_profile:…');
const queryFlag = z.enum(['true', 'false']).optional();

const connectBody = z
	.object({
		accountId: accountIdField,
		profileId: slug.optional(),
		profileUrn: profileUrn.optional(),
		customMessage: z.string().max(300, 'customMessage must be at most 300 characters').optional(),
	})
	.strict();
const profileBody = z
	.object({
		accountId: accountIdField,
		profileId: slug,
		includeGeoLocation: z.boolean().optional(),
		includeContact: z.boolean().optional(),
		includeExperience: z.boolean().optional(),
		includeEducation: z.boolean().optional(),
		includeSkills: z.boolean().optional(),
		forceRefresh: z.boolean().optional(),
	})
	.strict();
const profileQuery = z
	.object({
		profileId: slug,
		accountId: accountIdField,
		includeGeoLocation: queryFlag,
		includeContact: queryFlag,
		forceRefresh: queryFlag,
	})
	.strict();
const withdrawBody = z
	.object({
		accountId: accountIdField,
		profileId: slug,
		memberId: z.string().min(1).optional(),
		firstName: z.string().optional(),
		lastName: z.string().optional(),
		profileUrn: profileUrn.optional(),
		invitationId: z.string().min(1).optional(),
	})
	.strict();
const noQuery = z.object({}).strict();
const accountQuery = z.object({ accountId: z.string().min(1).optional() }).strict();
const sentQuery = z
	.object({
		accountId: z.string().min(1).optional(),
		startIndex: z
			.string()
			.regex(/^\d+$/, 'startIndex must be a whole number, 0 or more')
			.optional(),
		debug: queryFlag,
	})
	.strict();

export interface NetworkOptions {
	accountId: string;
	conversationCount: number;
	now: () => number;
	connectsUsed: number;
}

export function createNetwork(options: NetworkOptions) {
	const { accountId, now } = options;
	const limits = CONNECTSAFELY_NETWORK;
	let byId = new Map<string, Person>();
	let connects: Window;
	let views: Window;
	let holdUntil: number | undefined;
	/** Profile fetches: when, and the profile as it was then (the API caches for 6 h). */
	let cache = new Map<string, { at: number; snapshot: Person }>();
	let lastUsed: number;
	let invitations = 0;

	function reset() {
		const t = now();
		byId = new Map(people(options.conversationCount, t).map((entry) => [entry.profileId, entry]));
		connects = {
			used: options.connectsUsed,
			end: nextMonday(t),
			counted: new Set(),
		};
		views = { used: 0, end: nextMidnight(t), counted: new Set() };
		holdUntil = undefined;
		cache = new Map();
		lastUsed = t - HOUR;
		invitations = 0;
	}
	reset();

	/** The window as of now: a new one once the old one ended. */
	function current(window: Window, next: (t: number) => number) {
		const t = now();
		if (t >= window.end) {
			window.used = 0;
			window.end = next(t);
			window.reachedAt = undefined;
			window.counted.clear();
		}
		return window;
	}

	const byUrn = (urn: string) => [...byId.values()].find((entry) => entry.profileUrn === urn);
	const nameOf = (entry: Person) => `${entry.firstName} ${entry.lastName}`;
	const memberId = (entry: Person) => entry.profileUrn.slice('urn:li:fsd_profile:'.length);
	const unknownProfile = (id: string) =>
		reply(404, { error: `LinkedIn profile not found: ${id}`, success: false });
	const otherAccount = (id: string | undefined) => id !== undefined && id !== accountId;

	function account() {
		return {
			id: accountId,
			firstName: 'Demo',
			lastName: 'Owner',
			publicId: 'owner-demo',
			platform: 'ConnectSafely',
			status: 'AVAILABLE',
			enabled: true,
			lastUsed: new Date(lastUsed).toISOString(),
			hasTokens: true,
			linkedinPlan: {
				premiumType: 'NON_PREMIUM',
				isPremium: false,
				hasSalesNavigator: false,
				hasRecruiter: false,
				hasAwayMessages: false,
				hasAdvertiseBadge: false,
				hasHiringManager: false,
			},
		};
	}

	function connect(request: RecordedRequest): Reply {
		if (request.body === undefined)
			return validation('Body must be JSON (Content-Type: application/json)');
		const parsed = connectBody.safeParse(request.body);
		if (!parsed.success) return zodError(parsed.error.issues);
		const body = parsed.data;
		if (otherAccount(body.accountId)) return notFound('Account not found');
		const week = current(connects, nextMonday);
		const headers = () => limitHeaders('CONNECT', limits.connectWeeklyLimit, week.used, week.end);
		if (!body.profileId && !body.profileUrn) {
			return reply(
				400,
				{ success: false, error: 'Either profileId or profileUrn must be provided' },
				headers(),
			);
		}
		const t = now();
		// Quota first: the API refuses over-quota requests before it asks LinkedIn anything.
		if (holdUntil === undefined || t >= holdUntil) {
			if (week.used < limits.connectWeeklyLimit) holdUntil = undefined;
			else {
				holdUntil = t + limits.holdMs;
				week.reachedAt ??= t;
			}
		}
		if (holdUntil !== undefined) {
			return reply(
				429,
				{
					success: false,
					error: `Rate limit exceeded for CONNECT: ${week.used}/${limits.connectWeeklyLimit} used. Resets at ${iso(week.end)}`,
					holdUntil: iso(holdUntil),
				},
				{ ...headers(), 'Retry-After': String(Math.ceil((holdUntil - t) / 1000)) },
			);
		}
		// "Preferred over profileId": the URN decides when both are given.
		const target = body.profileUrn ? byUrn(body.profileUrn) : byId.get(body.profileId ?? '');
		if (!target) {
			return reply(
				404,
				{
					success: false,
					error: `LinkedIn profile not found: ${body.profileUrn ?? body.profileId}`,
				},
				headers(),
			);
		}
		if (target.degree === 'DISTANCE_1') {
			return reply(
				400,
				{ success: false, error: `Already connected with ${nameOf(target)}` },
				headers(),
			);
		}
		if (target.invitation) {
			return reply(
				400,
				{ success: false, error: `An invitation to ${nameOf(target)} is already pending` },
				headers(),
			);
		}
		week.used++;
		invitations++;
		target.invitation = { id: `74551${String(invitations).padStart(14, '0')}`, sentAt: t };
		lastUsed = t;
		return reply(
			200,
			{
				success: true,
				message: 'Connection request sent successfully',
				profileUrn: target.profileUrn,
			},
			headers(),
		);
	}

	function relationship(pathAccount: string | undefined, profileId: string, query: unknown) {
		const parsed = noQuery.safeParse(query);
		if (!parsed.success) return zodError(parsed.error.issues);
		if (otherAccount(pathAccount)) {
			return reply(404, { error: 'LinkedIn account not found or not accessible', success: false });
		}
		const target = byId.get(profileId);
		if (!target) return unknownProfile(profileId);
		const connected = target.degree === 'DISTANCE_1';
		return reply(200, {
			connected,
			invitationSent: Boolean(target.invitation),
			invitationReceived: false,
			status: connected ? 'CONNECTED' : target.invitation ? 'PENDING' : 'NOT_CONNECTED',
			profileUrn: target.profileUrn,
			accountId,
		});
	}

	function profileOf(entry: Person, input: z.infer<typeof profileBody>) {
		const connected = entry.degree === 'DISTANCE_1';
		const profile = {
			firstName: entry.firstName,
			lastName: entry.lastName,
			headline: entry.headline,
			location: { countryCode: 'us', postalCode: null, geoLocationName: null },
			entityUrn: entry.profileUrn,
			publicIdentifier: entry.profileId,
			profilePicture: null,
			isPremium: false,
			isVerified: false,
			supportsFreeEmail: false,
			connectionCount: 500,
			followerCount: 812,
			isConnected: connected,
			connectionDegree: entry.degree,
			invitationSent: Boolean(entry.invitation),
			invitationReceived: false,
			// No contact information is visible to the sandbox's account, so includeContact adds nothing.
			...(input.includeGeoLocation
				? {
						geoLocation: {
							city: 'Seattle',
							state: 'Washington',
							country: 'United States',
							fullLocation: 'Seattle, Washington, United States',
							birthDate: null,
						},
					}
				: {}),
		};
		const company = entry.headline?.split(' at ')[1] ?? null;
		return {
			profile,
			...(input.includeExperience
				? {
						experience: [
							{
								title: entry.headline?.split(' at ')[0] ?? null,
								companyName: company,
								employmentType: 'Full-time',
								duration: '2 yrs 3 mos',
								location: 'Seattle, Washington, United States',
								description: null,
								companyUrl: null,
								companyLogoUrl: null,
							},
						],
					}
				: {}),
			...(input.includeSkills
				? {
						skills: [{ skillId: '1', name: 'Sales', endorsementCount: 12, isEndorsed: false }],
					}
				: {}),
			...(input.includeEducation
				? {
						education: [
							{
								schoolName: 'University of Washington',
								degree: 'Bachelor',
								fieldOfStudy: 'Economics',
								dateRange: '2008 – 2012',
								startYear: '2008',
								endYear: '2012',
								grade: null,
								activities: null,
								description: null,
							},
						],
					}
				: {}),
		};
	}

	function fetchProfile(input: z.infer<typeof profileBody>): Reply {
		if (otherAccount(input.accountId)) return notFound('Account not found');
		const day = current(views, nextMidnight);
		const headers = () => limitHeaders('PROFILE_VIEW', limits.profileDailyLimit, day.used, day.end);
		const target = byId.get(input.profileId);
		if (!target) {
			return reply(
				200,
				{
					success: true,
					profileId: input.profileId,
					accountId,
					profile: {},
					cached: false,
					message: 'Profile not found',
				},
				headers(),
			);
		}
		const t = now();
		const entry = cache.get(target.profileId);
		const fresh =
			entry !== undefined && t - entry.at < limits.profileCacheMs && !input.forceRefresh;
		if (!fresh) {
			const counts = input.forceRefresh || !day.counted.has(target.profileId);
			if (counts && day.used >= limits.profileDailyLimit) {
				day.reachedAt ??= t;
				return reply(
					429,
					{
						success: false,
						error: `Rate limit exceeded for PROFILE_VIEW: ${day.used}/${limits.profileDailyLimit} used. Resets at ${iso(day.end)}`,
					},
					{ ...headers(), 'Retry-After': String(Math.ceil((day.end - t) / 1000)) },
				);
			}
			if (counts) day.used++;
			day.counted.add(target.profileId);
			cache.set(target.profileId, {
				at: t,
				snapshot: { ...target, invitation: target.invitation && { ...target.invitation } },
			});
			lastUsed = t;
		}
		const stored = cache.get(target.profileId) as { at: number; snapshot: Person };
		return reply(
			200,
			{
				success: true,
				profileId: target.profileId,
				accountId,
				...profileOf(stored.snapshot, input),
				cached: fresh,
				...(fresh ? { cachedAt: new Date(stored.at).toISOString() } : {}),
				expiresAt: new Date(stored.at + limits.profileCacheMs).toISOString(),
				message: 'Profile information retrieved successfully',
			},
			headers(),
		);
	}

	function sentInvitations(query: unknown): Reply {
		const parsed = sentQuery.safeParse(query);
		if (!parsed.success) return zodError(parsed.error.issues);
		if (otherAccount(parsed.data.accountId))
			return reply(404, { error: 'No active LinkedIn account found' });
		const t = now();
		const start = Number(parsed.data.startIndex ?? 0);
		// Newest first; IDs grow, so they order invitations sent in the same millisecond.
		const pending = [...byId.values()]
			.filter((entry) => entry.invitation)
			.sort(
				(a, b) =>
					(b.invitation?.sentAt ?? 0) - (a.invitation?.sentAt ?? 0) ||
					(b.invitation?.id ?? '').localeCompare(a.invitation?.id ?? ''),
			);
		const page = pending.slice(start, start + limits.invitationPageSize).map((entry) => {
			const invitation = entry.invitation as { id: string; sentAt: number };
			return {
				id: invitation.id,
				invitationId: invitation.id,
				invitationUrn: `urn:li:invitation:${invitation.id}`,
				memberId: memberId(entry),
				memberUrn: entry.profileUrn,
				invitationType: 'SENT',
				sentAt: ago(t - invitation.sentAt),
				profile: {
					firstName: entry.firstName,
					lastName: entry.lastName,
					headline: entry.headline,
					profileUrl: `https://www.linkedin.com/in/${entry.profileId}`,
					publicIdentifier: entry.profileId,
				},
			};
		});
		return reply(200, {
			success: true,
			invitations: page,
			count: page.length,
			startIndex: start,
			accountId,
			...(parsed.data.debug === 'true' ? { rawResponse: JSON.stringify({ elements: page }) } : {}),
		});
	}

	function withdraw(request: RecordedRequest): Reply {
		if (request.body === undefined)
			return validation('Body must be JSON (Content-Type: application/json)');
		const parsed = withdrawBody.safeParse(request.body);
		if (!parsed.success) return zodError(parsed.error.issues);
		const body = parsed.data;
		if (otherAccount(body.accountId)) return notFound('Account not found');
		const target = byId.get(body.profileId);
		if (!target) return unknownProfile(body.profileId);
		if (!target.invitation) {
			return reply(400, {
				success: false,
				error: `No pending invitation to ${nameOf(target)}`,
			});
		}
		if (body.invitationId !== undefined && body.invitationId !== target.invitation.id) {
			return reply(400, {
				success: false,
				error: `Invitation ${body.invitationId} is not the pending invitation to ${nameOf(target)}`,
			});
		}
		// Withdrawing does not give the week's invitation back: the count stays.
		delete target.invitation;
		lastUsed = now();
		return reply(200, {
			success: true,
			message: `Successfully withdrew invitation to ${nameOf(target)}`,
			accountId,
		});
	}

	function quota(): Reply {
		const day = current(views, nextMidnight);
		const week = current(connects, nextMonday);
		const entry = (
			feature: string,
			window: Window,
			name: 'daily' | 'weekly',
			limit: number,
			linkedinLimit: number,
		) => ({
			feature,
			window: name,
			used: window.used,
			limit,
			linkedinLimit,
			remaining: Math.max(0, limit - window.used),
			limitReached: window.reachedAt !== undefined,
			limitReachedAt: window.reachedAt === undefined ? null : quotaDate(window.reachedAt),
			resetAt: quotaDate(window.end),
		});
		return reply(200, {
			accountId,
			quotas: [
				entry('PROFILE_VIEW', day, 'daily', limits.profileDailyLimit, 150),
				entry('CONNECT', week, 'weekly', limits.connectWeeklyLimit, 100),
			],
		});
	}

	/** The answer to a network route, or undefined for any other path. */
	function handle(request: RecordedRequest): Reply | undefined {
		const { method, path, query } = request;
		if (method === 'POST' && path === '/linkedin/connect') return connect(request);
		const related = /^\/linkedin\/relationship\/([^/]+)(?:\/([^/]+))?$/.exec(path);
		if (method === 'GET' && related) {
			const [first, second] = [related[1], related[2]].map(
				(part) => part && decodeURIComponent(part),
			);
			return second === undefined
				? relationship(undefined, first, query)
				: relationship(first, second, query);
		}
		if (method === 'POST' && path === '/linkedin/profile') {
			if (request.body === undefined)
				return validation('Body must be JSON (Content-Type: application/json)');
			const parsed = profileBody.safeParse(request.body);
			return parsed.success ? fetchProfile(parsed.data) : zodError(parsed.error.issues);
		}
		if (method === 'GET' && path === '/linkedin/profile') {
			const parsed = profileQuery.safeParse(query);
			if (!parsed.success) return zodError(parsed.error.issues);
			const flag = (value: string | undefined) =>
				value === undefined ? undefined : value === 'true';
			return fetchProfile({
				...parsed.data,
				includeGeoLocation: flag(parsed.data.includeGeoLocation),
				includeContact: flag(parsed.data.includeContact),
				forceRefresh: flag(parsed.data.forceRefresh),
			});
		}
		if (method === 'GET' && path === '/linkedin/invitations/sent') return sentInvitations(query);
		if (method === 'POST' && path === '/linkedin/invitations/withdraw') return withdraw(request);
		if (method === 'GET' && path === '/linkedin/account/status') {
			const parsed = accountQuery.safeParse(query);
			if (!parsed.success) return zodError(parsed.error.issues);
			return otherAccount(parsed.data.accountId)
				? notFound('No LinkedIn account found for this user')
				: reply(200, account());
		}
		const byAccount = /^\/linkedin\/account\/([^/]+)\/(status|quota)$/.exec(path);
		if (method === 'GET' && byAccount) {
			const parsed = noQuery.safeParse(query);
			if (!parsed.success) return zodError(parsed.error.issues);
			const id = decodeURIComponent(byAccount[1]);
			if (byAccount[2] === 'status' && !/^[0-9a-f]{24}$/.test(id))
				return reply(400, { error: 'Invalid account ID format' });
			if (id !== accountId) return notFound('LinkedIn account not found or not accessible');
			return byAccount[2] === 'status' ? reply(200, account()) : quota();
		}
		return undefined;
	}

	/** The prospect accepts the pending invitation (sandbox admin): they become a 1st-degree connection. */
	function acceptInvitation(profileId: string): boolean {
		const target = byId.get(profileId);
		if (!target?.invitation) return false;
		delete target.invitation;
		target.degree = 'DISTANCE_1';
		return true;
	}

	return { handle, reset, acceptInvitation };
}
