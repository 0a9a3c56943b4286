import { EXIT_CODES } from './exit-codes';

/** `tmdb-auth --help`. */
export const HELP = `tmdb-auth: TMDb authentication (v3, and v4 user auth) from the command line

Usage: tmdb-auth <command> [options]

Commands:
  help                  Show this help (also: --help).
  token                 Create a request token; prints it.
  approve-url [token]   Print the page where a user approves a request token (a new one if none given).
                          --redirect-to <url>  where TMDb sends the user after approving
  login                 Print the approval page, wait until you approve, then print a new session id.
                          --interval <s>  how often to check for the approval (default 2)
                          --timeout <s>   how long to wait (default: until the token expires)
                          --username <u>  log in with a username instead; the password comes from
                                          TMDB_PASSWORD or a prompt, never from the command line
                          --callback      finish when the browser comes back to a listener on
                                          127.0.0.1 (put in redirect_to, at a random path; only
                                          its own request token ends the login) instead of polling
                          --port <n>      port of that listener (default 0: any free port)
                          --v4            v4 user auth: prints the access token and account id
                                          (needs TMDB_ACCESS_TOKEN, the app's read access token)
  guest                 Create a guest session; prints its id.
  logout [-]            Delete the user session in TMDB_SESSION_ID, or with -, the one on standard
                        input; never from the command line, where ps and shell history keep it.
                          --v4            delete a v4 user access token instead, read from
                                          TMDB_USER_ACCESS_TOKEN or stdin (\`logout --v4 -\`)
  check-key             Check the credentials with TMDb.
  emulator              Run the TMDb auth emulator on 127.0.0.1 until Ctrl-C (then exits 130); prints
                        its API root, and the demo credentials it accepts.
                          --port <n>      port to listen on (default 8632; 0 for any free port)
  demo                  Run the whole flow with retries showing (what \`npm start\` runs): against a
                        built-in emulator, or against TMDb when credentials are set.
                          --interval <s>  how often to check for your approval (default 2)

Options:
  --base-url <url>           TMDb's API root (default https://api.themoviedb.org/3), such as an
                             emulator's http://127.0.0.1:8632/3
  --approval-base-url <url>  Where approval pages live (default https://www.themoviedb.org, or the
                             origin of --base-url when that is not TMDb)
  --json                     Print the result, or the error ({"error": {code, message, fix,
                             exit_code}}), as one JSON object on stdout
  -h, --help                 Show this help
  -v, --version              Show the version

Credentials: TMDB_API_KEY (v3 API key) or TMDB_ACCESS_TOKEN (API Read Access Token),
from https://www.themoviedb.org/settings/api. No secret is ever read from the command line.

Exit codes:
  ${EXIT_CODES.ok}    success
  ${EXIT_CODES.unexpected}    unexpected failure (a bug; please report it)
  ${EXIT_CODES.usage}    wrong command line
  ${EXIT_CODES.credentials}    no credentials, or TMDb refused them
  ${EXIT_CODES.refused}    TMDb refused the request (wrong login, expired token, unknown session...)
  ${EXIT_CODES.unavailable}    TMDb unreachable or unavailable (network, timeout, rate limit, 5xx)
  ${EXIT_CODES.approvalTimeout}    login: the request was not approved in time
  ${EXIT_CODES.interrupted}  interrupted (Ctrl-C, SIGINT)
  ${EXIT_CODES.terminated}  terminated (SIGTERM)
`;
