import type { Resource } from '../../../shared/descriptions';
import { getProfile } from './getProfile';

export const user: Resource = {
	name: 'User',
	value: 'user',
	operations: [getProfile],
};
