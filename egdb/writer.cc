#include "egdb/writer.h"

#include <algorithm>

#include "egdb/format.h"

namespace tempo::egdb {

using namespace format;

namespace {

// Runs of one value: a byte (value << 6 | length-1) for up to 64, then bytes
// 0xC0 | (k-1) repeating that value for 64 * k more.
void put_run(std::vector<std::uint8_t>& out, std::uint8_t value, std::uint32_t length) {
  const std::uint32_t first = std::min<std::uint32_t>(length, 64);
  out.push_back(static_cast<std::uint8_t>(value << 6 | (first - 1)));
  length -= first;
  while (length >= 64) {
    const std::uint32_t k = std::min<std::uint32_t>(length / 64, 64);
    out.push_back(static_cast<std::uint8_t>(0xC0 | (k - 1)));
    length -= 64 * k;
  }
  if (length > 0) out.push_back(static_cast<std::uint8_t>(value << 6 | (length - 1)));
}

// Appends the block; true when it is stored 2 bits a position.
bool compress_block(std::span<const std::uint8_t> codes, std::vector<std::uint8_t>& out) {
  std::vector<std::uint8_t> rle;
  // A don't-care extends the current run; leading ones take the first real value.
  std::uint8_t current = kDraw;
  for (std::uint8_t c : codes) {
    if (c != kDontCare) {
      current = c;
      break;
    }
  }
  std::uint32_t length = 0;
  for (std::uint8_t c : codes) {
    if (c == kDontCare || c == current) {
      ++length;
      continue;
    }
    put_run(rle, current, length);
    current = c;
    length = 1;
  }
  if (length) put_run(rle, current, length);
  if (rle.size() < (codes.size() + 3) / 4) {
    out.insert(out.end(), rle.begin(), rle.end());
    return false;
  }
  std::uint8_t raw[kRawBlockBytes] = {};
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::uint8_t c = codes[i] == kDontCare ? kDraw : codes[i];
    raw[i / 4] |= static_cast<std::uint8_t>(c << (2 * (i % 4)));
  }
  out.insert(out.end(), raw, raw + (codes.size() + 3) / 4);
  return true;
}

}  // namespace

std::vector<std::uint8_t> compress_slice(std::span<const std::uint8_t> codes) {
  const std::size_t blocks = (codes.size() + kBlockPositions - 1) / kBlockPositions;
  std::vector<std::uint8_t> out(4 * blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t start = out.size();
    const auto block =
        codes.subspan(b * kBlockPositions, std::min<std::size_t>(kBlockPositions, codes.size() - b * kBlockPositions));
    const bool raw = compress_block(block, out);
    std::uint32_t word = static_cast<std::uint32_t>(start);
    if (raw) word |= kRawFlag;
    store32(out.data() + 4 * b, word);
  }
  return out;
}

std::vector<std::uint8_t> assemble(const std::vector<std::pair<Material, std::vector<std::uint8_t>>>& slices) {
  auto order = slices;
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    const Material& x = a.first;
    const Material& y = b.first;
    if (x.pieces() != y.pieces()) return x.pieces() < y.pieces();
    return x.code() < y.code();
  });
  std::size_t total = kHeaderBytes + order.size() * kEntryBytes;
  int max_pieces = 0;
  for (const auto& [m, data] : order) {
    total += data.size();
    max_pieces = std::max(max_pieces, m.pieces());
  }
  std::vector<std::uint8_t> out(total, 0);
  std::size_t offset = kHeaderBytes + order.size() * kEntryBytes;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& [m, data] = order[i];
    std::uint8_t* e = out.data() + kHeaderBytes + i * kEntryBytes;
    store32(e + kMaterialAt, m.code());
    store64(e + kPositionsAt, slice_size(m));
    store64(e + kOffsetAt, offset);
    store64(e + kBytesAt, data.size());
    store64(e + kDataChecksumAt, checksum(data.data(), data.size(), kDataSeed));
    std::copy(data.begin(), data.end(), out.begin() + static_cast<std::ptrdiff_t>(offset));
    offset += data.size();
  }
  std::uint8_t* h = out.data();
  store64(h + kMagicAt, kMagic);
  store32(h + kVersionAt, 1);
  store32(h + kMaxPiecesAt, static_cast<std::uint32_t>(max_pieces));
  store64(h + kLengthAt, total);
  store32(h + kSlicesAt, static_cast<std::uint32_t>(order.size()));
  store32(h + kBlockAt, kBlockPositions);
  store64(h + kSchemeAt, kIndexScheme);
  store64(h + kDirChecksumAt, checksum(h + kHeaderBytes, order.size() * kEntryBytes, kDirSeed));
  store64(h + kHeaderChecksumAt, checksum(h, kHeaderChecksumAt, kHeaderSeed));
  return out;
}

}  // namespace tempo::egdb
