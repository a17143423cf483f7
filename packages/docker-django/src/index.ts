// Public entry point of the docker-django plugin: Nx loads the inference plugin and the
// project-graph extension from here (see `plugins` in nx.json).
export {};
