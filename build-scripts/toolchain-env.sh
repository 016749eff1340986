# Sourced by the build scripts: environment Debian's Emscripten needs.
# emcc runs its JS tools with the machine's node, which does not look in
# Debian's module folder (where acorn lives) unless told.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
