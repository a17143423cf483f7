// ejs ships no type declarations; docker-django uses only render().
declare module 'ejs' {
  export function render(
    template: string,
    data: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): string;
}
