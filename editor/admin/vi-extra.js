// Vietnamese for the interface strings decap-cms-locales' "vi" leaves in English (found by
// comparing it with "en"); merged over it by portal-editor.js. Workflow, notes, i18n and other
// backends' strings are left out: this editor uses none of them.
export const VI_EXTRA = {
  collection: {
    // "＋" (a full-width sign) shows as an empty box where no CJK font is installed.
    collectionTop: { newButton: "+ Thêm %{collectionLabel}", viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
    groups: { other: "Khác", negateLabel: "Không %{label}" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "Ô %{widgetLabel}" } },
    editorInterface: { togglePreview: "Bật/tắt xem trước", toggleScrollSync: "Cuộn cùng lúc hai bên" },
    editorWidgets: {
      markdown: {
        bold: "Chữ đậm",
        italic: "Chữ nghiêng",
        strikethrough: "Gạch ngang",
        code: "Mã",
        link: "Liên kết",
        linkPrompt: "Nhập địa chỉ của liên kết",
        headings: "Tiêu đề mục",
        quote: "Trích dẫn",
        bulletedList: "Danh sách gạch đầu dòng",
        numberedList: "Danh sách đánh số",
        addComponent: "Thêm ảnh hoặc tệp đính kèm",
        toggleMode: { rich: "Chuyển sang soạn như Word", markdown: "Chuyển sang Markdown" },
      },
      image: {
        chooseMultiple: "Chọn nhiều hình",
        chooseUrl: "Chèn từ địa chỉ web",
        replaceUrl: "Thay bằng địa chỉ web",
        promptUrl: "Nhập địa chỉ của hình",
        addMore: "Thêm hình",
        removeAll: "Gỡ mọi hình",
      },
      file: {
        chooseUrl: "Chèn từ địa chỉ web",
        chooseMultiple: "Chọn nhiều tập tin",
        replaceUrl: "Thay bằng địa chỉ web",
        promptUrl: "Nhập địa chỉ của tập tin",
        addMore: "Thêm tập tin",
        removeAll: "Gỡ mọi tập tin",
      },
      datetime: { setToNow: "Đặt %{fieldLabel} là lúc này" },
      list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
      object: { expand: "Mở rộng", collapse: "Thu gọn" },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      copy: "Chép",
      copyUrl: "Chép địa chỉ",
      copyPath: "Chép đường dẫn",
      copyName: "Chép tên",
      copied: "Đã chép",
    },
    mediaLibraryModal: { close: "Đóng" },
  },
  ui: { settingsDropdown: { account: "Tài khoản" } },
};

export function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = typeof value === "object" ? merged(base?.[key] ?? {}, value) : value;
  }
  return out;
}
