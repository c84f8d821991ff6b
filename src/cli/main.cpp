// perfgate's entry point; everything it does lives in the libraries.
#include "cli/app.h"

int main(int argc, char** argv) { return perfgate::run_cli(argc, argv); }
