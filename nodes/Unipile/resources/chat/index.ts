import type { Resource } from '../../../shared/descriptions';
import { get } from './get';
import { getAll } from './getAll';
import { markRead } from './markRead';
import { messageApplicant } from './messageApplicant';
import { messageOrganization } from './messageOrganization';
import { start } from './start';
import { startGroup } from './startGroup';
import { startInMail } from './startInMail';

export const chat: Resource = {
	name: 'Chat',
	value: 'chat',
	operations: [
		start,
		startGroup,
		startInMail,
		messageApplicant,
		messageOrganization,
		getAll,
		get,
		markRead,
	],
};
