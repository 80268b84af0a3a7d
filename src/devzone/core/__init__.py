"""core: the floor every slice stands on (env, figures, middleware, base template); it imports no slice."""
