#include "descent/autograd/expression_parser.hpp"

#include <algorithm>
#include <cmath>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::autograd {
namespace {

// The first syntax error found (C++ exceptions are off in the WebAssembly build, so the parser
// records the error and every parse function returns kFailed up the recursion).
struct SyntaxError {
  std::string message;  // without the position
  int position = -1;    // 0-based code-point index
};

constexpr int kFailed = -1;

// Decodes UTF-8 so that positions count characters as the user sees them (and as JS indexes them
// for every character a formula can sensibly contain). Invalid bytes become U+FFFD.
std::u32string decode_utf8(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const int extra = lead < 0x80           ? 0
                      : (lead >> 5) == 0x6  ? 1
                      : (lead >> 4) == 0xE  ? 2
                      : (lead >> 3) == 0x1E ? 3
                                            : -1;
    if (extra < 0 || i + extra >= text.size() + (extra == 0 ? 1 : 0)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t code = extra == 0 ? lead : (lead & (0x3F >> extra));
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      valid = valid && (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    out.push_back(valid ? code : 0xFFFD);
    i += valid ? extra + 1 : 1;
  }
  return out;
}

std::string encode_utf8(char32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

// Spelled out: M_PI is not standard C++.
constexpr double kPi = 3.14159265358979323846;

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_name_start(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_part(char32_t c) { return is_name_start(c) || is_digit(c); }
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const char* kFunctionList = "exp, log, sin, cos, tanh, sigmoid, relu, abs, sqrt";

class Parser {
 public:
  Parser(std::u32string text, const ParserOptions& options)
      : text_(std::move(text)), options_(options) {}

  // The parsed formula, or nothing with error() set.
  bool parse(ParsedExpression& result) {
    skip_spaces();
    if (at_end()) return fail({"the formula is empty", 0}) != kFailed;
    result.output = parse_sum();
    if (result.output == kFailed) return false;
    skip_spaces();
    if (!at_end()) {
      result.output = kFailed;
      if (peek() == ')') return fail({"unmatched ')'", position_}) != kFailed;
      if (starts_operand(peek())) {
        return fail({"missing operator before '" + describe_token() + "' (write * for ×)",
                     position_}) != kFailed;
      }
      return fail({"unexpected '" + encode_utf8(peek()) + "'", position_}) != kFailed;
    }
    result.graph = std::move(graph_);
    return true;
  }

  const SyntaxError& error() const { return error_; }

 private:
  // Records the first error; returns kFailed for the caller to pass up.
  int fail(SyntaxError error) {
    if (error_.position < 0) error_ = std::move(error);
    return kFailed;
  }
  int unary(NodeKind kind, int input) {
    return input == kFailed ? kFailed : graph_.add_unary(kind, input);
  }
  int binary(NodeKind kind, int left, int right) {
    return left == kFailed || right == kFailed ? kFailed : graph_.add_binary(kind, left, right);
  }

  bool at_end() const { return position_ >= static_cast<int>(text_.size()); }
  char32_t peek() const { return at_end() ? 0 : text_[position_]; }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++position_;
  }
  bool starts_operand(char32_t c) const {
    return is_digit(c) || c == '.' || is_name_start(c) || c == '(' || c == U'π';
  }
  // The name or number starting at the current position, for messages.
  std::string describe_token() const {
    std::string token;
    for (int i = position_; i < static_cast<int>(text_.size()) && token.size() < 20; ++i) {
      const char32_t c = text_[i];
      if (!(is_name_part(c) || c == '.') && !(i == position_)) break;
      token += encode_utf8(c);
    }
    return token;
  }

  bool accept(char32_t c) {
    skip_spaces();
    if (peek() != c) return false;
    ++position_;
    return true;
  }

  int parse_sum() {
    int left = parse_product();
    for (;;) {
      if (left == kFailed) return kFailed;
      skip_spaces();
      const char32_t c = peek();
      if (c == '+') {
        ++position_;
        left = binary(NodeKind::kAdd, left, parse_product());
      } else if (c == '-' || c == U'−') {
        ++position_;
        left = binary(NodeKind::kSubtract, left, parse_product());
      } else {
        return left;
      }
    }
  }

  int parse_product() {
    int left = parse_unary();
    for (;;) {
      if (left == kFailed) return kFailed;
      skip_spaces();
      const char32_t c = peek();
      const bool double_star =
          c == '*' && position_ + 1 < static_cast<int>(text_.size()) && text_[position_ + 1] == '*';
      if ((c == '*' && !double_star) || c == U'×' || c == U'·') {
        ++position_;
        left = binary(NodeKind::kMultiply, left, parse_unary());
      } else if (c == '/' || c == U'÷') {
        ++position_;
        left = binary(NodeKind::kDivide, left, parse_unary());
      } else {
        return left;
      }
    }
  }

  // Every nesting level (parentheses, function calls, signs, exponents) passes through here once,
  // so counting depth here bounds the recursion.
  int parse_unary() {
    if (depth_ >= kMaxExpressionDepth) {
      return fail({"the formula nests too deeply (more than " +
                       std::to_string(kMaxExpressionDepth) + " levels)",
                   position_});
    }
    ++depth_;
    const int node = parse_signed();
    --depth_;
    return node;
  }

  int parse_signed() {
    skip_spaces();
    const char32_t c = peek();
    if (c == '-' || c == U'−') {
      ++position_;
      return unary(NodeKind::kNegate, parse_unary());
    }
    if (c == '+') {
      ++position_;
      return parse_unary();
    }
    return parse_power();
  }

  int parse_power() {
    int base = parse_primary();
    for (;;) {
      if (base == kFailed) return kFailed;
      skip_spaces();
      const char32_t c = peek();
      if (c == U'²' || c == U'³') {
        ++position_;
        base = binary(NodeKind::kPower, base, graph_.add_constant(c == U'²' ? 2 : 3));
        continue;
      }
      const bool double_star =
          c == '*' && position_ + 1 < static_cast<int>(text_.size()) && text_[position_ + 1] == '*';
      if (c != '^' && !double_star) return base;
      position_ += double_star ? 2 : 1;
      // Right-associative, and the exponent may carry its own sign: 2^-1, x^-y^2.
      return binary(NodeKind::kPower, base, parse_unary());
    }
  }

  int parse_primary() {
    skip_spaces();
    const int start = position_;
    if (at_end()) {
      return fail({"the formula ends too early: expected a number, a name or '('", start});
    }
    const char32_t c = peek();
    if (c == '(') {
      ++position_;
      const int inner = parse_sum();
      if (inner == kFailed) return kFailed;
      if (!accept(')')) {
        skip_spaces();
        if (at_end()) return fail({"missing ')' to close this '('", start});
        return fail({"expected ')' to close the '(' at character " + std::to_string(start + 1) +
                         ", found '" + encode_utf8(peek()) + "'",
                     position_});
      }
      return inner;
    }
    if (is_digit(c) || c == '.') return parse_number();
    if (c == U'π') {
      ++position_;
      return graph_.add_constant(kPi);
    }
    if (is_name_start(c)) return parse_name();
    if (c == ')') return fail({"expected a number, a name or '(' before ')'", start});
    if (c == '*' || c == '/' || c == '^' || c == U'×' || c == U'·' || c == U'÷') {
      return fail({"'" + encode_utf8(c) + "' needs something on its left", start});
    }
    return fail({"unexpected '" + encode_utf8(c) + "'", start});
  }

  int parse_number() {
    const int start = position_;
    std::string digits;
    while (!at_end() && (is_digit(peek()) || peek() == '.'))
      digits += static_cast<char>(text_[position_++]);
    // An exponent only when e/E is followed by digits, so "2e" stays a missing-operator error.
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      int look = position_ + 1;
      if (look < static_cast<int>(text_.size()) && (text_[look] == '+' || text_[look] == '-'))
        ++look;
      if (look < static_cast<int>(text_.size()) && is_digit(text_[look])) {
        while (position_ < look) digits += static_cast<char>(text_[position_++]);
        while (!at_end() && is_digit(peek())) digits += static_cast<char>(text_[position_++]);
      }
    }
    if (std::count(digits.begin(), digits.end(), '.') > 1 || digits == ".") {
      return fail({quote_value(digits) + " is not a number", start});
    }
    const double value = std::strtod(digits.c_str(), nullptr);
    if (!std::isfinite(value)) return fail({"'" + digits + "' is too large", start});
    if (!at_end() && is_name_start(peek())) {
      return fail({"missing operator between '" + digits + "' and '" + describe_token() +
                       "' (write " + digits + "*" + describe_token() + ")",
                   position_});
    }
    return graph_.add_constant(value);
  }

  int parse_name() {
    const int start = position_;
    std::string name;
    while (!at_end() && is_name_part(peek())) name += static_cast<char>(text_[position_++]);
    NodeKind kind;
    if (function_kind(name, kind)) {
      skip_spaces();
      if (peek() != '(') {
        return fail({quote_value(name) + " is a function: write " + name + "(…)", start});
      }
      const int open = position_;
      ++position_;
      skip_spaces();
      if (peek() == ')') return fail({name + "() needs an argument", position_});
      const int argument = parse_sum();
      if (argument == kFailed) return kFailed;
      if (!accept(')')) {
        skip_spaces();
        if (at_end()) return fail({"missing ')' to close " + name + "(", open});
        return fail({"expected ')' to close " + name + "( — " + name +
                         " takes one argument, found '" + encode_utf8(peek()) + "'",
                     position_});
      }
      return graph_.add_unary(kind, argument);
    }
    if (name == "pi") return graph_.add_constant(kPi);
    skip_spaces();
    if (peek() == '(') {
      return fail(
          {"unknown function " + quote_value(name) + " (functions: " + kFunctionList + ")", start});
    }
    const auto& allowed = options_.allowed_variables;
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string names;
      for (std::size_t i = 0; i < allowed.size(); ++i) {
        names += (i == 0 ? "" : i + 1 == allowed.size() ? " and " : ", ") + allowed[i];
      }
      return fail({"unknown name " + quote_value(name) + ": this formula may use " + names, start});
    }
    return graph_.add_variable(name);
  }

  std::u32string text_;
  const ParserOptions& options_;
  Graph graph_;
  SyntaxError error_;
  int position_ = 0;
  int depth_ = 0;
};

// Binding strength of each node kind when printed: 1 sums, 2 products, 3 unary minus, 4 powers,
// 5 atoms (numbers, names, function calls).
int precedence(const Graph& graph, int index) {
  const Node& node = graph.node(index);
  switch (node.kind) {
    case NodeKind::kAdd:
    case NodeKind::kSubtract:
      return 1;
    case NodeKind::kMultiply:
    case NodeKind::kDivide:
      return 2;
    case NodeKind::kNegate:
      return 3;
    case NodeKind::kPower:
      return 4;
    case NodeKind::kConstant:
      return node.value < 0 ? 3 : 5;  // printed with its minus sign
    default:
      return 5;
  }
}

std::string text_with_parentheses(const Graph& graph, int index, bool parenthesize) {
  const std::string text = expression_text(graph, index);
  return parenthesize ? "(" + text + ")" : text;
}

std::string constant_text(double value) {
  if (value == kPi) return "pi";
  return format_number(value);
}

}  // namespace

ExpressionParseResult parse_expression(const std::string& text, const ParserOptions& options) {
  ExpressionParseResult result;
  // A UTF-8 character is at most 4 bytes: a longer text is refused before it is decoded.
  const bool too_many_bytes = text.size() > 4 * static_cast<std::size_t>(kMaxExpressionLength);
  const std::u32string characters = too_many_bytes ? std::u32string() : decode_utf8(text);
  if (too_many_bytes || static_cast<int>(characters.size()) > kMaxExpressionLength) {
    result.error =
        "the formula is too long (at most " + std::to_string(kMaxExpressionLength) + " characters)";
    result.error_position = kMaxExpressionLength;
    return result;
  }
  Parser parser(characters, options);
  result.ok = parser.parse(result.expression);
  if (!result.ok) {
    result.expression = ParsedExpression{};
    result.error =
        parser.error().message + " at character " + std::to_string(parser.error().position + 1);
    result.error_position = parser.error().position;
  }
  return result;
}

std::string expression_text(const Graph& graph, int index) {
  const Node& node = graph.node(index);
  const int own = precedence(graph, index);
  switch (node.kind) {
    case NodeKind::kConstant:
      return constant_text(node.value);
    case NodeKind::kVariable:
      return node.name;
    case NodeKind::kNegate:
      // "-(-x)" not "--x"; a power needs no parentheses: -x^2 is −(x²).
      return "-" +
             text_with_parentheses(graph, node.inputs[0], precedence(graph, node.inputs[0]) <= own);
    case NodeKind::kAdd:
    case NodeKind::kSubtract:
    case NodeKind::kMultiply:
    case NodeKind::kDivide: {
      const char* op = node.kind == NodeKind::kAdd        ? " + "
                       : node.kind == NodeKind::kSubtract ? " - "
                       : node.kind == NodeKind::kMultiply ? "*"
                                                          : "/";
      // Left-associative: a right operand of the same strength keeps its parentheses.
      return text_with_parentheses(graph, node.inputs[0], precedence(graph, node.inputs[0]) < own) +
             op +
             text_with_parentheses(graph, node.inputs[1], precedence(graph, node.inputs[1]) <= own);
    }
    case NodeKind::kPower:
      // Right-associative: the base keeps parentheses at the same strength, the exponent not; a
      // signed exponent is bracketed for readability (x^(-1)).
      return text_with_parentheses(graph, node.inputs[0],
                                   precedence(graph, node.inputs[0]) <= own) +
             "^" +
             text_with_parentheses(graph, node.inputs[1], precedence(graph, node.inputs[1]) < own);
    default:
      return std::string(node_kind_name(node.kind)) + "(" + expression_text(graph, node.inputs[0]) +
             ")";
  }
}

}  // namespace descent::autograd

DESCENT_END_COLD_CODE
