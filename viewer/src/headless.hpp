// An ImGui context with no display, for the tests and benchmarks that drive
// the App frame by frame: a 1600x1000 window at 60 frames a second, the
// default font's atlas built, and keys mapped as a platform backend would
// map them (Dear ImGui 1.86 reads keys through io.KeyMap).
#pragma once

#include <imgui.h>

namespace journeysim::viewer {

class HeadlessContext {
 public:
  HeadlessContext() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = 256 + key;
  }
  ~HeadlessContext() { ImGui::DestroyContext(); }
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;
};

}  // namespace journeysim::viewer
