/* Force-included (gcc -include) when building CPython, SQLite and libpng for glibc 2.28 on a glibc 2.31 root
 * (scripts/compat_bundle.sh with GLIBC_TARGET=2.28). glibc 2.29 gave exp, exp2, log, log2 and pow new symbol
 * versions (faster code, same results to within an ulp); code compiled against 2.29+ headers binds to those and
 * fails to load on 2.28 ("version `GLIBC_2.29' not found"). These directives bind the calls to the original
 * versions, which every glibc still exports. Functions that are new in 2.30+ (sem_clockwait, gettid...) are kept
 * out by the configure cache variables in the script instead. */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#elif defined(__aarch64__)
__asm__(".symver exp,exp@GLIBC_2.17");
__asm__(".symver exp2,exp2@GLIBC_2.17");
__asm__(".symver log,log@GLIBC_2.17");
__asm__(".symver log2,log2@GLIBC_2.17");
__asm__(".symver pow,pow@GLIBC_2.17");
#endif
