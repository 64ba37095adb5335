# gi.repository, for the stub check: the namespaces are submodules.
