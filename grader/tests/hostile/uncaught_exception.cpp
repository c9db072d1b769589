// Hostile worker: throws an exception nobody catches (std::terminate: SIGABRT).
#include <stdexcept>

int main() { throw std::runtime_error("boom from the worker"); }
