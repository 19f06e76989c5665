// The few compiler built-ins the engine uses, in one place, for GCC, Clang
// (clang-cl included) and Visual Studio's cl.exe, which has none of GCC's
// __builtin_* functions.
#pragma once

#include <cstdint>

#if defined(_MSC_VER) && !defined(__clang__)
#include <stdlib.h>  // _byteswap_uint64, _byteswap_ulong
#if defined(_M_X64) || defined(_M_IX86)
#include <xmmintrin.h>  // _mm_prefetch
#endif
#endif

namespace tempo {

inline std::uint64_t byteswap64(std::uint64_t v) {
#if defined(_MSC_VER) && !defined(__clang__)
  return _byteswap_uint64(v);
#else
  return __builtin_bswap64(v);
#endif
}

inline std::uint32_t byteswap32(std::uint32_t v) {
#if defined(_MSC_VER) && !defined(__clang__)
  return _byteswap_ulong(v);
#else
  return __builtin_bswap32(v);
#endif
}

// Starts loading the cache line at `p` (a hint: no effect on results).
inline void prefetch(const void* p) {
#if defined(_MSC_VER) && !defined(__clang__)
#if defined(_M_X64) || defined(_M_IX86)
  _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0);
#else
  (void)p;
#endif
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace tempo
