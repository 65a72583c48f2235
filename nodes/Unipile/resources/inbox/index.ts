import type { Resource } from '../../../shared/descriptions';
import { getAll } from './getAll';
import { getInMailCredits } from './getInMailCredits';
import { setTyping } from './setTyping';

export const inbox: Resource = {
	name: 'Inbox',
	value: 'inbox',
	operations: [setTyping, getInMailCredits, getAll],
};
