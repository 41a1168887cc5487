/** npm run bench: the benchmarks of this repository (each writes its report under bench/results/). */
import "./api";
