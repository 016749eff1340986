// Marks a source file's own functions as cold: run once per call from the page (parsing, data
// generation, catalogs, messages), never per step. In the WebAssembly build clang optimises them
// for size; their callees (inline functions from headers included before the mark) keep -O2.
#pragma once

#if defined(__clang__)
#define DESCENT_BEGIN_COLD_CODE \
  _Pragma("clang attribute push(__attribute__((minsize)), apply_to = function)")
#define DESCENT_END_COLD_CODE _Pragma("clang attribute pop")
#else
#define DESCENT_BEGIN_COLD_CODE
#define DESCENT_END_COLD_CODE
#endif
