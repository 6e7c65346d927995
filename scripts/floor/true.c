/* The process floor for scripts/timing: exec, dynamic loading of libc, exit. */
int main(void) { return 0; }
