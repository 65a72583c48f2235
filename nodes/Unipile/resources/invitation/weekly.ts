import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import type { ItemInputs } from '../../../shared/preflight';
import type { UnipileVersion } from '../../shared/transport';
import { unipileRequest } from '../../shared/transport';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const PAGE_SIZE = 100;
/** At most this many pages of pending sent invitations are read (2,000 invitations). */
const MAX_PAGES = 20;

/**
 * The account's pending sent invitations dated within the last 7 days, from the API's own list:
 * v2 `GET /v2/{account}/users/me/relation-requests?type=sent` by `offset` until an empty page,
 * dated by `created_at` (docs/unipile-v2.md#list-relation-requests); v1 `GET /users/invite/sent`
 * by cursor, dated by `parsed_datetime` (docs/unipile-v1.md#list-invitations). Both list pending
 * invitations only. An invitation without a date counts, as it may be recent.
 */
async function sentThisWeek(
	context: IExecuteSingleFunctions,
	version: UnipileVersion,
	account: string,
): Promise<number> {
	const since = Date.now() - WEEK_MS;
	const recent = (at: unknown) =>
		typeof at !== 'string' || Number.isNaN(Date.parse(at)) || Date.parse(at) > since;
	let count = 0;
	let offset = 0;
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		if (version === 'v2') {
			const body = await unipileRequest<{ data?: IDataObject[] }>(
				context,
				'GET',
				path`/${account}/users/me/relation-requests`,
				{ qs: { type: 'sent', offset, limit: PAGE_SIZE } },
			);
			const entries = body.data ?? [];
			count += entries.filter((entry) => recent(entry.created_at)).length;
			if (!entries.length) break;
			offset += entries.length;
		} else {
			const body = await unipileRequest<{ items?: IDataObject[]; cursor?: string | null }>(
				context,
				'GET',
				'/users/invite/sent',
				{ qs: { account_id: account, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
			);
			const entries = body.items ?? [];
			count += entries.filter((entry) => recent(entry.parsed_datetime)).length;
			if (!entries.length || !body.cursor || body.cursor === cursor) break;
			cursor = body.cursor;
		}
	}
	return count;
}

interface Week {
	/** What the API listed, read once per run and account, when an item first needs it. */
	listed?: Promise<number>;
	/** The people this run plans to invite on this account, in item order. */
	planned: Set<string>;
}

const runs = new WeakMap<object, Map<string, Week>>();

function weekOf(item: ItemInputs, account: string): Week {
	const key = item.context.getExecuteData() ?? item.context;
	let accounts = runs.get(key);
	if (!accounts) runs.set(key, (accounts = new Map()));
	let week = accounts.get(account);
	if (!week) accounts.set(account, (week = { planned: new Set() }));
	return week;
}

/** Whether an earlier item of this run already invites this person (a lead listed twice). */
export function plannedInRun(item: ItemInputs, account: string, providerId: string): boolean {
	return weekOf(item, account).planned.has(providerId);
}

/**
 * Whether one more invitation of this account fits under `max` this week: the API's count plus the
 * items of this run already planned to go out. The pre-flight checks items one after another, so
 * an item that fits is counted for the next ones.
 */
export async function weeklyRoom(
	item: ItemInputs,
	version: UnipileVersion,
	account: string,
	providerId: string,
	max: number,
): Promise<{ fits: boolean; count: number }> {
	const week = weekOf(item, account);
	week.listed ??= sentThisWeek(item.context, version, account);
	const count = (await week.listed) + week.planned.size;
	if (count >= max) return { fits: false, count };
	week.planned.add(providerId);
	return { fits: true, count };
}
