#ifndef PORVM_CLIBFUZZER_H
#define PORVM_CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). Each fuzz target's main calls it,
// because SwiftPM links executables with their own entry point (main = <Module>_main), so
// libFuzzer's main() cannot be used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
