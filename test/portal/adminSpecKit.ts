import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, type PortalFixture } from '../kit/portal.js';

/** A browser signed in as `email` with the fixture password (throws when sign-in fails). */
export async function signedIn(f: PortalFixture, email: string): Promise<InjectBrowser> {
  const browser = new InjectBrowser(f.app);
  const response = await browser.signIn(email, FIXTURE_PASSWORD);
  if (response.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${response.statusCode}`);
  return browser;
}
