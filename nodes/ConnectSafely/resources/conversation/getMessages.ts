import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { z } from 'zod';

import { readParameters } from '../../../shared/parameters';
import { limitField, optionalFields, returnAllField } from '../../../shared/descriptions';
import { conversationLocator } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { connectSafelyPagination } from '../../shared/pagination';

const show = { resource: ['conversation'], operation: ['getMessages'] };

/** A date (ISO text, or a date-time from an expression) → epoch milliseconds. */
const sinceSchema = z
	.union([z.string(), z.number(), z.date(), z.object({ toMillis: z.function() }).passthrough()])
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || value === '') return undefined;
		const ms =
			typeof value === 'number'
				? value
				: value instanceof Date
					? value.getTime()
					: typeof value === 'string'
						? Date.parse(value)
						: Number(value.toMillis());
		if (Number.isNaN(ms)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'is not a date, e.g. 2026-05-01T09:00:00Z',
			});
			return z.NEVER;
		}
		return ms;
	});

export async function checkGetMessages(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account } = readParameters(this, {
		account: input.account,
		conversationUrn: input.conversation,
	});
	const { 'filters.since': since } = input.readPresent(this, {
		'filters.since': { label: 'Since', schema: sinceSchema },
	});
	const options = input.withAccount(requestOptions, account, 'qs');
	return since === undefined ? options : { ...options, qs: { ...options.qs, since } };
}

/**
 * GET /linkedin/conversations/{conversationUrn}/messages, the URN URL-encoded; older pages via
 * `cursor` while `hasMore`; `since` in epoch ms (connectsafely-api.md §2.3).
 */
export const getMessagesOperation: INodePropertyOptions = {
	name: 'Get Messages',
	value: 'getMessages',
	action: 'Get messages of a conversation',
	description: 'List the messages of a conversation, Sales Navigator threads included',
	routing: {
		request: {
			method: 'GET',
			url: '=/linkedin/conversations/{{ encodeURIComponent(String($parameter.conversationUrn).trim()) }}/messages',
		},
		send: { preSend: [checkGetMessages], paginate: true },
		operations: {
			pagination: connectSafelyPagination({
				itemsKey: 'messages',
				cursorParam: 'cursor',
				cursorField: 'cursor',
			}),
		},
	},
};

export const getMessagesFields: INodeProperties[] = [
	conversationLocator(show, 'The conversation to read'),
	returnAllField(show),
	limitField(show),
	optionalFields('filters', show, [
		{
			displayName: 'Since',
			name: 'since',
			type: 'dateTime',
			default: '',
			description: 'Only messages sent after this time',
		},
	]),
];
