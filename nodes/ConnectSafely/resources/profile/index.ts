import type { Resource } from '../../../shared/descriptions';
import { get } from './get';

export const profile: Resource = {
	name: 'Profile',
	value: 'profile',
	operations: [get],
};
