/** Bumped on any breaking change to shared/protocol; the handshake refuses other versions. */
export const PROTOCOL_VERSION = 1;
