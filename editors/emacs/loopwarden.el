;;; loopwarden.el --- loopwarden language server for Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools, python
;; URL: https://github.com/loopwarden/loopwarden

;;; Commentary:

;; Registers `loopwarden server' (async-correctness diagnostics and quick fixes for Python:
;; blocking calls in `async def', unawaited coroutines, ...) with Eglot for `python-mode' and
;; `python-ts-mode'.
;;
;;   (require 'loopwarden)
;;   (add-hook 'python-mode-hook #'eglot-ensure)      ; and/or python-ts-mode-hook
;;
;; Customize the group `loopwarden': `loopwarden-command' (the server command) and
;; `loopwarden-settings' (the `loopwarden' settings section: the same keys as
;; [tool.loopwarden] in pyproject.toml).  The settings are sent as initializationOptions,
;; with workspace/didChangeConfiguration after the connection, and in answer to
;; workspace/configuration; a `:loopwarden' section of `eglot-workspace-configuration'
;; (e.g. in .dir-locals.el) overrides them key by key.
;;
;; Diagnostics show through Flymake; `M-x eglot-code-actions' offers the quick fixes and
;; `M-x loopwarden-fix-all' applies every safe fix in the buffer.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'jsonrpc)

(defgroup loopwarden nil
  "The loopwarden language server (Python async correctness) through Eglot."
  :group 'tools
  :prefix "loopwarden-"
  :link '(url-link "https://github.com/loopwarden/loopwarden"))

(defcustom loopwarden-command '("loopwarden" "server")
  "The command that starts the loopwarden language server: program and arguments.
The program is looked up on `exec-path' unless it is an absolute file name,
e.g. (\"~/src/loopwarden/build/loopwarden\" \"server\")."
  :type '(cons (string :tag "Program") (repeat (string :tag "Argument")))
  :group 'loopwarden)

(defcustom loopwarden-settings nil
  "The `loopwarden' settings section, as a plist of the [tool.loopwarden] keys.
For example:
  (:select [\"LW1\" \"LW2\"] :ignore [\"LW208\"] :severity (:LW103 \"error\"))
Lists of strings may be written as lists or vectors.  nil means: only what
pyproject.toml / loopwarden.toml say."
  :type '(plist :key-type (choice (const :select) (const :ignore) (const :severity)
                                  (const :extend-blocking-calls)
                                  (const :extend-async-functions)
                                  (const :exclude) (const :per-file-ignores)
                                  symbol)
                :value-type sexp)
  :group 'loopwarden)

(defcustom loopwarden-major-modes '(python-mode python-ts-mode)
  "Major modes whose buffers are managed by the loopwarden server."
  :type '(repeat symbol)
  :group 'loopwarden)

(defclass eglot-loopwarden (eglot-lsp-server) ()
  :documentation "The loopwarden language server.")

(defconst loopwarden--array-keys
  '(:select :ignore :extend-blocking-calls :extend-async-functions :exclude)
  "Settings whose values are JSON arrays of strings.")

(defun loopwarden--normalize (settings)
  "SETTINGS (a plist) as Eglot serializes it: string lists as vectors."
  (cl-loop for (key value) on settings by #'cddr
           for key* = (if (keywordp key) key (intern (format ":%s" key)))
           append (list key*
                        (cond ((and (memq key* loopwarden--array-keys) (listp value))
                               (vconcat value))
                              ((and (eq key* :per-file-ignores) (consp value))
                               (cl-loop for (glob codes) on value by #'cddr
                                        append (list glob (if (listp codes) (vconcat codes) codes))))
                              ((and (null value) (memq key* '(:severity :per-file-ignores)))
                               eglot--{})
                              (t value)))))

(defun loopwarden--settings (&optional server)
  "The settings sent to SERVER: `loopwarden-settings' overridden by the
`:loopwarden' section of `eglot-workspace-configuration'."
  (let* ((workspace (and server
                         (ignore-errors (eglot--workspace-configuration-plist server))))
         (dir-local (plist-get workspace :loopwarden))
         (merged (copy-sequence (loopwarden--normalize loopwarden-settings))))
    (cl-loop for (key value) on (loopwarden--normalize dir-local) by #'cddr
             do (setq merged (plist-put merged key value)))
    (or merged eglot--{})))

(defun loopwarden-missing-binary-message (&optional program)
  "The error shown when PROGRAM (default: from `loopwarden-command') is missing."
  (format (concat "loopwarden: the language server `%s' was not found (not executable, not on "
                  "exec-path).  Build loopwarden (`cmake -S . -B build -G Ninja "
                  "-DCMAKE_BUILD_TYPE=Release && cmake --build build') and put build/loopwarden "
                  "on PATH (`sudo install build/loopwarden /usr/local/bin/'), or customize "
                  "`loopwarden-command' (M-x customize-group RET loopwarden)")
          (or program (car loopwarden-command))))

(defun loopwarden--resolve-program (program)
  "PROGRAM as an absolute executable, or nil."
  (let ((expanded (expand-file-name program)))
    (cond ((and (file-name-absolute-p program) (file-executable-p expanded)
                (not (file-directory-p expanded)))
           expanded)
          ((file-name-absolute-p program) nil)
          ((string-match-p "/" program)
           (and (file-executable-p expanded) expanded))
          (t (executable-find program)))))

(defun loopwarden-contact (&optional _interactive)
  "The Eglot contact for loopwarden: (eglot-loopwarden PROGRAM ARGS...).
Signals a `user-error' naming the fix when the program cannot be found."
  (let ((program (loopwarden--resolve-program (car loopwarden-command))))
    (unless program
      (user-error "%s" (loopwarden-missing-binary-message)))
    `(eglot-loopwarden ,program ,@(cdr loopwarden-command))))

(cl-defmethod eglot-initialization-options ((server eglot-loopwarden))
  "The settings, so that the first diagnostics already honour them."
  (loopwarden--settings server))

(cl-defmethod eglot-handle-request
  ((server eglot-loopwarden) (_method (eql workspace/configuration)) &key items)
  "Answer section \"loopwarden\" with the merged settings; others as Eglot does."
  (let ((default (cl-call-next-method)))
    (apply #'vector
           (cl-loop for item across items
                    for i from 0
                    collect (if (equal (plist-get item :section) "loopwarden")
                                (loopwarden--settings server)
                              (aref default i))))))

(defun loopwarden-signal-settings (&optional server)
  "Send the settings to SERVER (default: every loopwarden server)."
  (interactive)
  (dolist (s (if server (list server)
               (cl-remove-if-not (lambda (s) (object-of-class-p s 'eglot-loopwarden))
                                 (cl-loop for servers being the hash-values of eglot--servers-by-project
                                          append servers))))
    (when (and (object-of-class-p s 'eglot-loopwarden) (jsonrpc-running-p s))
      (jsonrpc-notify s :workspace/didChangeConfiguration
                      (list :settings (list :loopwarden (loopwarden--settings s)))))))

(defun loopwarden--on-connect (server)
  "Push the settings once SERVER is connected (after Eglot's own push)."
  (when (object-of-class-p server 'eglot-loopwarden)
    (loopwarden-signal-settings server)))

(defun loopwarden-fix-all ()
  "Apply every safe loopwarden fix in the current buffer.
This is the code action of kind source.fixAll.loopwarden."
  (interactive)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.loopwarden" t))

(defun loopwarden-restart ()
  "Restart the loopwarden server of the current buffer."
  (interactive)
  (eglot-reconnect (eglot--current-server-or-lose)))

(defun loopwarden--register ()
  "Put loopwarden first in `eglot-server-programs' for `loopwarden-major-modes'."
  (setq eglot-server-programs
        (cons (cons loopwarden-major-modes #'loopwarden-contact)
              (cl-remove-if (lambda (entry) (eq (cdr entry) #'loopwarden-contact))
                            eglot-server-programs))))

(loopwarden--register)
(add-hook 'eglot-connect-hook #'loopwarden--on-connect 'append)

(provide 'loopwarden)
;;; loopwarden.el ends here
