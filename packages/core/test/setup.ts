// Registers the CPU backend (from source) for core's tests.
import '../../backend-cpu/src/index.js';
