/**
 * The signature of OK's REST API (https://api.ok.ru/fb.do), as
 * https://apiok.ru/dev/methods ("Расчет подписи запроса") describes it for a
 * call in a session:
 *
 *   secret = md5(access_token + application_secret_key), lower-case hex;
 *   sig    = md5(every parameter but sig and access_token, sorted by name,
 *                joined as name=value with no separator, then secret), lower-case.
 *
 * The same rule is implemented by aiookru (TokenSession.sign_params) and
 * pyodnoklassniki (OAuth2APIRequestor._signature); sign.test.ts checks the
 * known vectors from both. Values are signed as sent, before URL encoding.
 */
import { createHash } from 'node:crypto';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** md5(access_token + application_secret_key): the key a session call is signed with. */
export function okSessionSecret(accessToken: string, appSecret: string): string {
  return md5(accessToken + appSecret).toLowerCase();
}

/** The `sig` of one call; `params` may include access_token and sig, which are left out as OK requires. */
export function okSignature(params: Readonly<Record<string, string>>, secret: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'sig' && k !== 'access_token')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('');
  return md5(joined + secret).toLowerCase();
}
