/**
 * Hides the password of every URL in a text (`ssh://user:secret@host` becomes
 * `ssh://user:***@host`), for anything the executors print: logged commands, error messages,
 * DOCKER_HOST / CONTAINER_HOST echoed in a hint. The user name and host stay, so the message
 * still says where the executor tried to go.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@'"`]*):([^\s/'"`]*)@/gi;

export function redactUrls(text: string): string {
  return text.replace(URL_CREDENTIALS, (_, user: string, password: string) =>
    password === '' ? `${user}:@` : `${user}:***@`,
  );
}
