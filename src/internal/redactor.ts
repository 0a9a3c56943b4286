import { ID_SHAPES_IN_TEXT } from './credential-shapes';

const REDACTED = '[REDACTED]';

// Credentials can reach a message by other routes than the values we know (a proxy echoing a URL, a server
// message quoting a query string), so the shapes are masked as well as the values.
const CREDENTIAL_SHAPES: readonly RegExp[] = [
  /(\b(?:api_key|password|request_token|session_id|guest_session_id|access_token|account_id)=)[^&#\s"']*/gi,
  /("(?:api_key|password|request_token|session_id|guest_session_id|access_token|account_id)"\s*:\s*")[^"]*/gi,
  // 16 characters at least: every TMDb credential is far longer, and a word after "Bearer" (as in "a Bearer
  // token") is prose, not a secret.
  /(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi,
];

// Too short a "secret" would mask ordinary words; TMDb's keys, tokens and ids are all far longer.
const MIN_SECRET_LENGTH = 6;

export interface RedactorOptions {
  /**
   * Also mask anything shaped like a TMDb key, token or id (32+ hex digits, a JWT), known or not. Right for
   * errors, which never need one; wrong for output whose point is to show a token or session id to its owner.
   * @default true
   */
  maskIdShapes?: boolean;
  /**
   * Also mask the values of credential fields (`request_token=...`, `"access_token": "..."`, `Bearer ...`). Wrong
   * only for text whose point is such a field, as a v4 approval URL (`?request_token=...`) shown to its user.
   * @default true
   */
  maskFields?: boolean;
}

/** Masks known secret values, and anything shaped like a credential, in text bound for an error or a log. */
export class Redactor {
  private readonly secrets: readonly string[];
  private readonly shapes: readonly RegExp[];

  constructor(
    secrets: Iterable<string | undefined> = [],
    private readonly options: RedactorOptions = {},
  ) {
    this.shapes = [
      ...(options.maskFields === false ? [] : CREDENTIAL_SHAPES),
      ...(options.maskIdShapes === false ? [] : ID_SHAPES_IN_TEXT),
    ];
    this.secrets = [
      ...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)),
    ]
      // Longest first, so a secret that contains another is masked whole.
      .sort((a, b) => b.length - a.length);
  }

  /** A redactor that also masks these values. */
  with(...more: (string | undefined)[]): Redactor {
    return new Redactor([...this.secrets, ...more], this.options);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const shape of this.shapes) out = out.replace(shape, `$1${REDACTED}`);
    return out;
  }
}
