// A shared library that is not a coachkit plugin: it exports no entry point.
extern "C" __attribute__((visibility("default"))) int coachkit_test_unrelated() { return 42; }
