// Vietnamese for the interface strings decap-cms-locales' "vi" leaves in English (found by
// comparing it with "en"); merged over it by portal-editor.js. Workflow, notes, i18n and other
// backends' strings are left out: this editor uses none of them.
// Saving writes the file into the content folder and nothing more: the site changes only with
// `invoke publish`. Decap's "Công bố" (publish) would say otherwise, so its buttons say "Lưu".
export const VI_EXTRA = {
  collection: {
    // "＋" (a full-width sign) shows as an empty box where no CJK font is installed.
    collectionTop: { newButton: "+ Thêm %{collectionLabel}", viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
    groups: { other: "Khác", negateLabel: "Không %{label}" },
  },
  editor: {
    editor: {
      onPublishing: "Lưu bài này vào thư mục nội dung?",
      onDeletePublishedEntry: "Xóa tệp này khỏi thư mục nội dung?",
    },
    editorToolbar: {
      publishing: "Đang lưu…",
      publish: "Lưu",
      published: "Đã lưu",
      publishNow: "Lưu ngay",
      publishAndCreateNew: "Lưu rồi viết bài mới",
      publishAndDuplicate: "Lưu rồi sao chép thành bài mới",
      deletePublishedEntry: "Xóa bài này",
      deleteEntry: "Xóa bài này",
    },
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
  ui: {
    settingsDropdown: { account: "Tài khoản" },
    toast: {
      entryPublished: "Đã lưu vào thư mục nội dung",
      onFailToPublishEntry: "Không lưu được: %{details}",
      onFailToPersist: "Không lưu được: %{details}",
    },
  },
};

export function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = typeof value === "object" ? merged(base?.[key] ?? {}, value) : value;
  }
  return out;
}

// The shared editor (`invoke editor-server`): saving keeps an entry on its own branch and only
// the editorial board's "Đăng" puts it on the site, so the buttons say so; the notes pane (an
// approver's reason for returning an entry) in Vietnamese. Merged over VI_EXTRA in that mode only.
export const VI_SHARED = {
  editor: {
    editor: {
      onPublishing: "Đăng bài này lên trang web?",
      onDeletePublishedEntry: "Xóa bài này khỏi trang web?",
    },
    editorToolbar: {
      publishing: "Đang đăng…",
      publish: "Đăng",
      published: "Đã đăng",
      publishNow: "Đăng ngay",
      publishAndCreateNew: "Đăng rồi viết bài mới",
      publishAndDuplicate: "Đăng rồi sao chép thành bài mới",
      deletePublishedEntry: "Xóa bài đã đăng",
      deleteUnpublishedChanges: "Bỏ các thay đổi chưa đăng",
      deleteUnpublishedEntry: "Xóa bài chưa đăng này",
      statusInfoTooltipDraft: "Bài đang là bản nháp. Khi viết xong, chọn trạng thái «Chờ duyệt» để gửi Ban biên tập.",
      statusInfoTooltipInReview: "Bài đang chờ Ban biên tập duyệt. Vẫn có thể sửa tiếp trong lúc chờ.",
      status: "Trạng thái: %{status}",
      draft: "Bản nháp",
      inReview: "Chờ duyệt",
      ready: "Sẵn sàng đăng",
    },
    editorNotesPane: {
      title: "Ghi chú",
      emptyState: "Chưa có ghi chú nào. Ban biên tập ghi lý do khi trả lại bài ở đây.",
      addNote: "Thêm ghi chú",
      addPlaceholder: "Viết ghi chú…",
      editPlaceholder: "Sửa ghi chú…",
      save: "Lưu",
      cancel: "Hủy",
      edit: "Sửa",
      delete: "Xóa",
      resolve: "Đã xử lý",
      unresolve: "Chưa xử lý",
      confirmDelete: "Xóa ghi chú này?",
      shortcut: "Mẹo: Ctrl+Enter để thêm nhanh",
    },
  },
  workflow: {
    workflow: { dateFormat: "DD/MM/YYYY" },
    workflowCard: { publishChanges: "Đăng thay đổi", publishNewEntry: "Đăng bài mới" },
  },
  ui: {
    toast: {
      entryPublished: "Đã đăng lên trang web",
      onFailToPublishEntry: "Không đăng được: %{details}",
      onFailToPersist: "Không lưu được: %{details}",
    },
  },
};
