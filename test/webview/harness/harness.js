// Plays the extension host for a webview under test (ER diagram, chat): records every message
// the page posts (window.__posted) and delivers host messages (window.__host).
(function () {
  'use strict';
  var posted = [];
  var state;
  var acquired = false;
  window.__posted = posted;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: function (m) { posted.push(JSON.parse(JSON.stringify(m))); },
      getState: function () { return state; },
      setState: function (s) { state = s; },
    };
  };
  window.__host = function (m) { window.postMessage(m, '*'); };
})();
