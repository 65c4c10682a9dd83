// A small client-side router: every route of the site is this same shell,
// and this script builds the page from the route's JSON content. The
// server-rendered twin (internal/spasite) builds the same markup in Go.
(function () {
  'use strict';

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function link(l) {
    var a = el('a', l.text);
    a.setAttribute('href', l.href);
    return a;
  }

  function getJSON(path) {
    return fetch(path).then(function (r) {
      if (!r.ok) {
        throw new Error(path + ': ' + r.status);
      }
      return r.json();
    });
  }

  function render(site, page) {
    document.title = page.title + ' | ' + site.name;
    var meta = document.createElement('meta');
    meta.setAttribute('name', 'description');
    meta.setAttribute('content', page.description);
    document.head.appendChild(meta);

    var header = el('header');
    var nav = el('nav');
    site.nav.forEach(function (l) { nav.appendChild(link(l)); });
    header.appendChild(nav);

    var main = el('main');
    main.appendChild(el('h1', page.h1));
    if (page.image) {
      var img = el('img');
      img.setAttribute('src', page.image);
      img.setAttribute('alt', '');
      main.appendChild(img);
    }
    (page.intro || []).forEach(function (p) { main.appendChild(el('p', p)); });
    (page.sections || []).forEach(function (s) {
      main.appendChild(el('h2', s.h2));
      (s.paragraphs || []).forEach(function (p) { main.appendChild(el('p', p)); });
      if (s.steps) {
        var ol = el('ol');
        s.steps.forEach(function (t) { ol.appendChild(el('li', t)); });
        main.appendChild(ol);
      }
      if (s.links) {
        var ul = el('ul');
        s.links.forEach(function (l) {
          var li = el('li');
          li.appendChild(link(l));
          ul.appendChild(li);
        });
        main.appendChild(ul);
      }
    });

    var footer = el('footer');
    footer.appendChild(el('p', site.footer));
    document.getElementById('root').replaceChildren(header, main, footer);
  }

  function show(path, site, routes) {
    var route = routes[path];
    if (!route) {
      document.title = 'Page not found | ' + site.name;
      document.getElementById('root').replaceChildren(el('h1', 'Page not found'));
      return Promise.resolve();
    }
    return getJSON('/content/' + route.content + '.json').then(function (page) {
      render(site, page);
    });
  }

  Promise.all([getJSON('/content/site.json'), getJSON('/content/routes.json')]).then(function (r) {
    var site = r[0], routes = r[1];
    // Links change the route without loading a page, as routers do.
    document.addEventListener('click', function (ev) {
      var a = ev.target.closest && ev.target.closest('a[href^="/"]');
      if (a) {
        ev.preventDefault();
        history.pushState(null, '', a.getAttribute('href'));
        show(location.pathname, site, routes);
      }
    });
    window.addEventListener('popstate', function () { show(location.pathname, site, routes); });
    return show(location.pathname, site, routes).then(function () {
      // A visit counter robots.txt disallows, and a third-party tracker:
      // a crawler's browser must request neither.
      fetch('/api/private/visit.json').catch(function () {});
      var t = document.createElement('script');
      t.src = site.tracker;
      document.head.appendChild(t);
    });
  });
})();
