// What the workflows need to build an EchaClient for a profile, in the client's own field names
// (src-main/echa EchaConnection), minus the key: add `apiKey: () => vault.getKeyForSigning(leUuid, username)`.
import type { ApiVersion, ClpHeaders, KeyReading, Mode, UploadEncoding } from '../../src-preload/domain';
import type { ClDefaults, GlobalSettings, ProfileRecord } from './schema';

export interface ProfileConnection {
  profileId: string;
  displayName: string;
  baseUrl: string;
  version: ApiVersion;
  username: string;
  leUuid: string;
  keyReading: KeyReading;
  /** Whether a passed connectivity test proved `keyReading` (else the connectivity test may try the other). */
  keyReadingSettled: boolean;
  uploadEncoding: UploadEncoding;
  /** JWT lifetime in seconds; always set (settings never allow a token without `exp`). */
  tokenLifetimeSec: number;
  timeouts: {
    connectMs: number;
    /** Waiting for response headers of requests other than uploads. */
    headersMs: number;
    /** Between chunks of a response body. */
    bodyMs: number;
    /** Waiting for the answer once an upload body is sent. */
    uploadMs: number;
  };
  mode: Mode;
  /** C&L defaults when both ids are set (v3 C&L notifications), else null. */
  clp: ClpHeaders | null;
  clDefaults: ClDefaults;
}

export function connectionFor(profile: ProfileRecord, settings: GlobalSettings): ProfileConnection {
  const { miGroupId, contactId } = profile.clDefaults;
  return {
    profileId: profile.id,
    displayName: profile.displayName,
    baseUrl: profile.baseUrl,
    version: profile.apiVersion,
    username: profile.username,
    leUuid: profile.leUuid,
    keyReading: profile.keyReading,
    keyReadingSettled: profile.keyReadingSettled,
    uploadEncoding: profile.uploadEncoding,
    tokenLifetimeSec: settings.tokenLifetimeMinutes * 60,
    timeouts: {
      connectMs: settings.connectTimeoutSeconds * 1000,
      headersMs: settings.requestTimeoutSeconds * 1000,
      bodyMs: settings.requestTimeoutSeconds * 1000,
      uploadMs: settings.uploadTimeoutSeconds * 1000,
    },
    mode: structuredClone(profile.mode),
    clp: miGroupId !== undefined && contactId !== undefined ? { miGroupId, contactId } : null,
    clDefaults: { ...profile.clDefaults },
  };
}
