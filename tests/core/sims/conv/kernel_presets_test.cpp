#include "descent/sims/conv/kernel_presets.hpp"

#include <catch2/catch.hpp>
#include <numeric>
#include <stdexcept>

using namespace descent;

TEST_CASE("kernel presets hold the textbook weights", "[conv][kernels]") {
  CHECK(kernel_preset("sobel-x", 3) == std::vector<double>{-1, 0, 1, -2, 0, 2, -1, 0, 1});
  CHECK(kernel_preset("laplacian", 3) == std::vector<double>{0, 1, 0, 1, -4, 1, 0, 1, 0});
  CHECK(kernel_preset("identity", 5)[12] == 1.0);
  // The 3×3 binomial Gaussian is (1 2 1)ᵀ(1 2 1)/16.
  const auto gaussian = kernel_preset("gaussian", 3);
  CHECK(gaussian[0] == 1.0 / 16);
  CHECK(gaussian[1] == 2.0 / 16);
  CHECK(gaussian[4] == 4.0 / 16);
  // Blurs keep the brightness: their weights sum to 1; edge detectors' to 0; sharpen's to 1.
  for (const auto& [name, size, total] :
       std::vector<std::tuple<std::string, int, double>>{{"box-blur", 4, 1.0},
                                                         {"gaussian", 7, 1.0},
                                                         {"sobel-y", 3, 0.0},
                                                         {"laplacian", 3, 0.0},
                                                         {"sharpen", 3, 1.0},
                                                         {"emboss", 3, 1.0}}) {
    const auto kernel = kernel_preset(name, size);
    CHECK(kernel.size() == static_cast<std::size_t>(size * size));
    CHECK(std::accumulate(kernel.begin(), kernel.end(), 0.0) == Approx(total).margin(1e-12));
  }
}

TEST_CASE("kernel presets exist only at the sizes they are defined for", "[conv][kernels]") {
  CHECK_THAT(validate_kernel_preset("sobel-x", 5), Catch::Contains("3×3 only"));
  CHECK_THAT(validate_kernel_preset("gaussian", 4), Catch::Contains("odd size"));
  CHECK_THAT(validate_kernel_preset("blur", 3), Catch::Contains("unknown kernel"));
  CHECK(validate_kernel_preset("box-blur", 2).empty());
  CHECK_THROWS_AS(kernel_preset("emboss", 5), std::invalid_argument);
}
