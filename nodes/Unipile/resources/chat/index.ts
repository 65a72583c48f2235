import type { Resource } from '../../../shared/descriptions';
import { getAll } from './getAll';
import { messageApplicant } from './messageApplicant';
import { messageOrganization } from './messageOrganization';
import { start } from './start';
import { startGroup } from './startGroup';
import { startInMail } from './startInMail';

export const chat: Resource = {
	name: 'Chat',
	value: 'chat',
	operations: [start, startGroup, startInMail, messageApplicant, messageOrganization, getAll],
};
