/** The credential every ConnectSafely request authenticates with (Bearer API key). */
export const CREDENTIAL_TYPE = 'connectSafelyApi';
