import type { Resource } from '../../../shared/descriptions';
import { getAll } from './getAll';
import { getMessages } from './getMessages';

export const conversation: Resource = {
	name: 'Conversation',
	value: 'conversation',
	operations: [getAll, getMessages],
};
