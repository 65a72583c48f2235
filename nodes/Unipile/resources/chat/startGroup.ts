import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, inboxLocator, textField } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { sendRouting } from '../../shared/routing';
import { START_URL } from './start';

const show = { resource: ['chat'], operation: ['startGroup'] };

/** Same endpoint as Start with an array `users_ids` (array = group; unipile-api.md §2.3). */
async function checkStartGroup(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const { userIds } = readParameters(this, {
		account: input.account,
		inbox: input.inbox,
		userIds: {
			label: 'Member User IDs',
			schema: input.idList.refine((ids) => ids.length >= 2, 'needs at least two IDs'),
			hint: "Enter the members' LinkedIn provider IDs separated by commas. For one person use Chat > Start.",
		},
	});
	const options = await input.withAttachments(this, requestOptions);
	return { ...options, body: { ...(options.body as IDataObject), users_ids: userIds } };
}

export const startGroupOperation: INodePropertyOptions = {
	name: 'Start Group',
	value: 'startGroup',
	action: 'Start a group chat',
	description: 'Create a group chat with several LinkedIn users and send the first message',
	routing: sendRouting(START_URL, checkStartGroup),
};

export const startGroupFields: INodeProperties[] = [
	inboxLocator(show),
	{
		displayName: 'Member User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ACoAAB1cD2eF3gH4, ACoAAZ9yX8wV7uT6',
		description: "Members' LinkedIn provider IDs, separated by commas",
		displayOptions: { show },
	},
	{
		displayName: 'Group Name',
		name: 'groupName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Q3 Partnership',
		description: "Optional; LinkedIn names the group after its members if it's empty",
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'name', value: '={{ $value || undefined }}' } },
	},
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
