#include "node/units.hpp"

#include <stdexcept>
#include <string>

namespace yunlian::node {
namespace {

struct Unit {
    std::string_view suffix;
    unsigned decimals;
};
constexpr Unit kUnits[] = {{"ether", 18}, {"eth", 18}, {"gwei", 9}, {"wei", 0}};

Uint256 pow10(unsigned n) {
    Uint256 r{1};
    for (unsigned i = 0; i < n; ++i) r = r * Uint256{10};
    return r;
}

}  // namespace

Uint256 parse_amount(std::string_view text) {
    unsigned decimals = 0;
    for (const Unit& u : kUnits) {
        if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
            text.remove_suffix(u.suffix.size());
            decimals = u.decimals;
            break;
        }
    }
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    if (fraction.size() > decimals) throw std::invalid_argument("too many decimals in amount");
    if ((whole.empty() && fraction.empty()) ||
        whole.find_first_not_of("0123456789") != std::string_view::npos ||
        fraction.find_first_not_of("0123456789") != std::string_view::npos) {
        throw std::invalid_argument("invalid amount: " + std::string(text));
    }
    std::string digits(whole.empty() ? "0" : whole);
    digits += fraction;
    digits.append(decimals - fraction.size(), '0');
    auto value = Uint256::from_string(digits);
    if (!value) throw std::invalid_argument("amount out of range");
    return *value;
}

std::string format_ether(const Uint256& wei) {
    const Uint256 unit = pow10(18);
    const Uint256 whole = wei / unit;
    std::string fraction = (wei % unit).to_string();
    if (fraction == "0") return whole.to_string();
    fraction.insert(0, 18 - fraction.size(), '0');
    while (fraction.back() == '0') fraction.pop_back();
    return whole.to_string() + "." + fraction;
}

}  // namespace yunlian::node
